-- Stored plans keep reasons as message codes with their data (src/guidance/reasons.ts), so a sheet printed
-- later reads in any language. Plans stored before held Japanese sentences: each sentence the engine could
-- have written is mapped back to its code, its members found by name in the visit's household; any other
-- becomes {"code": "guidance.reason.legacy", "params": {"text": <the sentence>}}, shown as it was.
-- Only reasons that are still strings are touched, so running this again changes nothing.
CREATE TABLE "plan_reason_phrases_0009" ("phrase" text PRIMARY KEY, "token" text NOT NULL);
--> statement-breakpoint
INSERT INTO "plan_reason_phrases_0009" ("phrase", "token") VALUES
  ('世帯主', 'relation:head'),
  ('世帯主の配偶者', 'relation:spouse'),
  ('世帯主の子', 'relation:child'),
  ('世帯主の親', 'relation:parent'),
  ('世帯員', 'relation:other'),
  ('職場の健康保険に加入中', 'insurance:employee'),
  ('国民健康保険に加入中', 'insurance:kokuho'),
  ('後期高齢者医療に加入中', 'insurance:kouki'),
  ('生活保護を受給中', 'insurance:welfare'),
  ('国民年金の第1号被保険者', 'pension:cat1'),
  ('国民年金の第2号被保険者', 'pension:cat2'),
  ('国民年金の第3号被保険者', 'pension:cat3'),
  ('要介護・要支援の認定済み', 'careLevel'),
  ('年金を受給中', 'flag:pensionRecipient'),
  ('マイナンバーカードをお持ち', 'flag:myNumberCard'),
  ('障害者手帳をお持ち', 'flag:disabilityCertificate'),
  ('印鑑登録済み', 'flag:sealRegistered'),
  ('妊娠中', 'flag:pregnant'),
  ('保育所等の利用をご希望', 'flag:needsDaycare'),
  ('公務員', 'flag:publicServant'),
  ('児童手当を受給中', 'benefit:childAllowance'),
  ('児童扶養手当を受給中', 'benefit:childRearingAllowance'),
  ('特別児童扶養手当を受給中', 'benefit:specialChildAllowance'),
  ('子ども医療費助成の資格をお持ち', 'benefit:childMedical'),
  ('ひとり親家庭等医療費助成の資格をお持ち', 'benefit:singleParentMedical'),
  ('小学生・中学生の年代', 'stage:schoolAge'),
  ('小学校入学前', 'stage:preschool'),
  ('児童手当の対象年齢（高校生年代まで）', 'stage:childAllowanceAge'),
  ('子ども医療費助成の対象年齢（小学校入学前まで）', 'childMedicalAge:0'),
  ('子ども医療費助成の対象年齢（小学1年生まで）', 'childMedicalAge:1'),
  ('子ども医療費助成の対象年齢（小学2年生まで）', 'childMedicalAge:2'),
  ('子ども医療費助成の対象年齢（小学3年生まで）', 'childMedicalAge:3'),
  ('子ども医療費助成の対象年齢（小学4年生まで）', 'childMedicalAge:4'),
  ('子ども医療費助成の対象年齢（小学5年生まで）', 'childMedicalAge:5'),
  ('子ども医療費助成の対象年齢（小学生まで）', 'childMedicalAge:6'),
  ('子ども医療費助成の対象年齢（中学1年生まで）', 'childMedicalAge:7'),
  ('子ども医療費助成の対象年齢（中学2年生まで）', 'childMedicalAge:8'),
  ('子ども医療費助成の対象年齢（中学生まで）', 'childMedicalAge:9'),
  ('子ども医療費助成の対象年齢（高校1年生年代まで）', 'childMedicalAge:10'),
  ('子ども医療費助成の対象年齢（高校2年生年代まで）', 'childMedicalAge:11'),
  ('子ども医療費助成の対象年齢（高校生年代まで）', 'childMedicalAge:12'),
  ('軽自動車をお持ち', 'owns:lightVehicle'),
  ('原付をお持ち', 'owns:moped'),
  ('犬の飼い主', 'owns:dog'),
  ('土地・家屋をお持ち', 'owns:realEstate'),
  ('軽自動車・原付をお持ち', 'owns:lightVehicle+moped'),
  ('軽自動車または原付をお持ち', 'ownsAny:lightVehicle+moped'),
  ('軽自動車・犬をお持ち', 'owns:lightVehicle+dog'),
  ('軽自動車または犬をお持ち', 'ownsAny:lightVehicle+dog'),
  ('軽自動車・土地・家屋をお持ち', 'owns:lightVehicle+realEstate'),
  ('軽自動車または土地・家屋をお持ち', 'ownsAny:lightVehicle+realEstate'),
  ('原付・軽自動車をお持ち', 'owns:moped+lightVehicle'),
  ('原付または軽自動車をお持ち', 'ownsAny:moped+lightVehicle'),
  ('原付・犬をお持ち', 'owns:moped+dog'),
  ('原付または犬をお持ち', 'ownsAny:moped+dog'),
  ('原付・土地・家屋をお持ち', 'owns:moped+realEstate'),
  ('原付または土地・家屋をお持ち', 'ownsAny:moped+realEstate'),
  ('犬・軽自動車をお持ち', 'owns:dog+lightVehicle'),
  ('犬または軽自動車をお持ち', 'ownsAny:dog+lightVehicle'),
  ('犬・原付をお持ち', 'owns:dog+moped'),
  ('犬または原付をお持ち', 'ownsAny:dog+moped'),
  ('犬・土地・家屋をお持ち', 'owns:dog+realEstate'),
  ('犬または土地・家屋をお持ち', 'ownsAny:dog+realEstate'),
  ('土地・家屋・軽自動車をお持ち', 'owns:realEstate+lightVehicle'),
  ('土地・家屋または軽自動車をお持ち', 'ownsAny:realEstate+lightVehicle'),
  ('土地・家屋・原付をお持ち', 'owns:realEstate+moped'),
  ('土地・家屋または原付をお持ち', 'ownsAny:realEstate+moped'),
  ('土地・家屋・犬をお持ち', 'owns:realEstate+dog'),
  ('土地・家屋または犬をお持ち', 'ownsAny:realEstate+dog'),
  ('軽自動車・原付・犬をお持ち', 'owns:lightVehicle+moped+dog'),
  ('軽自動車または原付または犬をお持ち', 'ownsAny:lightVehicle+moped+dog'),
  ('軽自動車・原付・土地・家屋をお持ち', 'owns:lightVehicle+moped+realEstate'),
  ('軽自動車または原付または土地・家屋をお持ち', 'ownsAny:lightVehicle+moped+realEstate'),
  ('軽自動車・犬・原付をお持ち', 'owns:lightVehicle+dog+moped'),
  ('軽自動車または犬または原付をお持ち', 'ownsAny:lightVehicle+dog+moped'),
  ('軽自動車・犬・土地・家屋をお持ち', 'owns:lightVehicle+dog+realEstate'),
  ('軽自動車または犬または土地・家屋をお持ち', 'ownsAny:lightVehicle+dog+realEstate'),
  ('軽自動車・土地・家屋・原付をお持ち', 'owns:lightVehicle+realEstate+moped'),
  ('軽自動車または土地・家屋または原付をお持ち', 'ownsAny:lightVehicle+realEstate+moped'),
  ('軽自動車・土地・家屋・犬をお持ち', 'owns:lightVehicle+realEstate+dog'),
  ('軽自動車または土地・家屋または犬をお持ち', 'ownsAny:lightVehicle+realEstate+dog'),
  ('原付・軽自動車・犬をお持ち', 'owns:moped+lightVehicle+dog'),
  ('原付または軽自動車または犬をお持ち', 'ownsAny:moped+lightVehicle+dog'),
  ('原付・軽自動車・土地・家屋をお持ち', 'owns:moped+lightVehicle+realEstate'),
  ('原付または軽自動車または土地・家屋をお持ち', 'ownsAny:moped+lightVehicle+realEstate'),
  ('原付・犬・軽自動車をお持ち', 'owns:moped+dog+lightVehicle'),
  ('原付または犬または軽自動車をお持ち', 'ownsAny:moped+dog+lightVehicle'),
  ('原付・犬・土地・家屋をお持ち', 'owns:moped+dog+realEstate'),
  ('原付または犬または土地・家屋をお持ち', 'ownsAny:moped+dog+realEstate'),
  ('原付・土地・家屋・軽自動車をお持ち', 'owns:moped+realEstate+lightVehicle'),
  ('原付または土地・家屋または軽自動車をお持ち', 'ownsAny:moped+realEstate+lightVehicle'),
  ('原付・土地・家屋・犬をお持ち', 'owns:moped+realEstate+dog'),
  ('原付または土地・家屋または犬をお持ち', 'ownsAny:moped+realEstate+dog'),
  ('犬・軽自動車・原付をお持ち', 'owns:dog+lightVehicle+moped'),
  ('犬または軽自動車または原付をお持ち', 'ownsAny:dog+lightVehicle+moped'),
  ('犬・軽自動車・土地・家屋をお持ち', 'owns:dog+lightVehicle+realEstate'),
  ('犬または軽自動車または土地・家屋をお持ち', 'ownsAny:dog+lightVehicle+realEstate'),
  ('犬・原付・軽自動車をお持ち', 'owns:dog+moped+lightVehicle'),
  ('犬または原付または軽自動車をお持ち', 'ownsAny:dog+moped+lightVehicle'),
  ('犬・原付・土地・家屋をお持ち', 'owns:dog+moped+realEstate'),
  ('犬または原付または土地・家屋をお持ち', 'ownsAny:dog+moped+realEstate'),
  ('犬・土地・家屋・軽自動車をお持ち', 'owns:dog+realEstate+lightVehicle'),
  ('犬または土地・家屋または軽自動車をお持ち', 'ownsAny:dog+realEstate+lightVehicle'),
  ('犬・土地・家屋・原付をお持ち', 'owns:dog+realEstate+moped'),
  ('犬または土地・家屋または原付をお持ち', 'ownsAny:dog+realEstate+moped'),
  ('土地・家屋・軽自動車・原付をお持ち', 'owns:realEstate+lightVehicle+moped'),
  ('土地・家屋または軽自動車または原付をお持ち', 'ownsAny:realEstate+lightVehicle+moped'),
  ('土地・家屋・軽自動車・犬をお持ち', 'owns:realEstate+lightVehicle+dog'),
  ('土地・家屋または軽自動車または犬をお持ち', 'ownsAny:realEstate+lightVehicle+dog'),
  ('土地・家屋・原付・軽自動車をお持ち', 'owns:realEstate+moped+lightVehicle'),
  ('土地・家屋または原付または軽自動車をお持ち', 'ownsAny:realEstate+moped+lightVehicle'),
  ('土地・家屋・原付・犬をお持ち', 'owns:realEstate+moped+dog'),
  ('土地・家屋または原付または犬をお持ち', 'ownsAny:realEstate+moped+dog'),
  ('土地・家屋・犬・軽自動車をお持ち', 'owns:realEstate+dog+lightVehicle'),
  ('土地・家屋または犬または軽自動車をお持ち', 'ownsAny:realEstate+dog+lightVehicle'),
  ('土地・家屋・犬・原付をお持ち', 'owns:realEstate+dog+moped'),
  ('土地・家屋または犬または原付をお持ち', 'ownsAny:realEstate+dog+moped'),
  ('軽自動車・原付・犬・土地・家屋をお持ち', 'owns:lightVehicle+moped+dog+realEstate'),
  ('軽自動車または原付または犬または土地・家屋をお持ち', 'ownsAny:lightVehicle+moped+dog+realEstate'),
  ('軽自動車・原付・土地・家屋・犬をお持ち', 'owns:lightVehicle+moped+realEstate+dog'),
  ('軽自動車または原付または土地・家屋または犬をお持ち', 'ownsAny:lightVehicle+moped+realEstate+dog'),
  ('軽自動車・犬・原付・土地・家屋をお持ち', 'owns:lightVehicle+dog+moped+realEstate'),
  ('軽自動車または犬または原付または土地・家屋をお持ち', 'ownsAny:lightVehicle+dog+moped+realEstate'),
  ('軽自動車・犬・土地・家屋・原付をお持ち', 'owns:lightVehicle+dog+realEstate+moped'),
  ('軽自動車または犬または土地・家屋または原付をお持ち', 'ownsAny:lightVehicle+dog+realEstate+moped'),
  ('軽自動車・土地・家屋・原付・犬をお持ち', 'owns:lightVehicle+realEstate+moped+dog'),
  ('軽自動車または土地・家屋または原付または犬をお持ち', 'ownsAny:lightVehicle+realEstate+moped+dog'),
  ('軽自動車・土地・家屋・犬・原付をお持ち', 'owns:lightVehicle+realEstate+dog+moped'),
  ('軽自動車または土地・家屋または犬または原付をお持ち', 'ownsAny:lightVehicle+realEstate+dog+moped'),
  ('原付・軽自動車・犬・土地・家屋をお持ち', 'owns:moped+lightVehicle+dog+realEstate'),
  ('原付または軽自動車または犬または土地・家屋をお持ち', 'ownsAny:moped+lightVehicle+dog+realEstate'),
  ('原付・軽自動車・土地・家屋・犬をお持ち', 'owns:moped+lightVehicle+realEstate+dog'),
  ('原付または軽自動車または土地・家屋または犬をお持ち', 'ownsAny:moped+lightVehicle+realEstate+dog'),
  ('原付・犬・軽自動車・土地・家屋をお持ち', 'owns:moped+dog+lightVehicle+realEstate'),
  ('原付または犬または軽自動車または土地・家屋をお持ち', 'ownsAny:moped+dog+lightVehicle+realEstate'),
  ('原付・犬・土地・家屋・軽自動車をお持ち', 'owns:moped+dog+realEstate+lightVehicle'),
  ('原付または犬または土地・家屋または軽自動車をお持ち', 'ownsAny:moped+dog+realEstate+lightVehicle'),
  ('原付・土地・家屋・軽自動車・犬をお持ち', 'owns:moped+realEstate+lightVehicle+dog'),
  ('原付または土地・家屋または軽自動車または犬をお持ち', 'ownsAny:moped+realEstate+lightVehicle+dog'),
  ('原付・土地・家屋・犬・軽自動車をお持ち', 'owns:moped+realEstate+dog+lightVehicle'),
  ('原付または土地・家屋または犬または軽自動車をお持ち', 'ownsAny:moped+realEstate+dog+lightVehicle'),
  ('犬・軽自動車・原付・土地・家屋をお持ち', 'owns:dog+lightVehicle+moped+realEstate'),
  ('犬または軽自動車または原付または土地・家屋をお持ち', 'ownsAny:dog+lightVehicle+moped+realEstate'),
  ('犬・軽自動車・土地・家屋・原付をお持ち', 'owns:dog+lightVehicle+realEstate+moped'),
  ('犬または軽自動車または土地・家屋または原付をお持ち', 'ownsAny:dog+lightVehicle+realEstate+moped'),
  ('犬・原付・軽自動車・土地・家屋をお持ち', 'owns:dog+moped+lightVehicle+realEstate'),
  ('犬または原付または軽自動車または土地・家屋をお持ち', 'ownsAny:dog+moped+lightVehicle+realEstate'),
  ('犬・原付・土地・家屋・軽自動車をお持ち', 'owns:dog+moped+realEstate+lightVehicle'),
  ('犬または原付または土地・家屋または軽自動車をお持ち', 'ownsAny:dog+moped+realEstate+lightVehicle'),
  ('犬・土地・家屋・軽自動車・原付をお持ち', 'owns:dog+realEstate+lightVehicle+moped'),
  ('犬または土地・家屋または軽自動車または原付をお持ち', 'ownsAny:dog+realEstate+lightVehicle+moped'),
  ('犬・土地・家屋・原付・軽自動車をお持ち', 'owns:dog+realEstate+moped+lightVehicle'),
  ('犬または土地・家屋または原付または軽自動車をお持ち', 'ownsAny:dog+realEstate+moped+lightVehicle'),
  ('土地・家屋・軽自動車・原付・犬をお持ち', 'owns:realEstate+lightVehicle+moped+dog'),
  ('土地・家屋または軽自動車または原付または犬をお持ち', 'ownsAny:realEstate+lightVehicle+moped+dog'),
  ('土地・家屋・軽自動車・犬・原付をお持ち', 'owns:realEstate+lightVehicle+dog+moped'),
  ('土地・家屋または軽自動車または犬または原付をお持ち', 'ownsAny:realEstate+lightVehicle+dog+moped'),
  ('土地・家屋・原付・軽自動車・犬をお持ち', 'owns:realEstate+moped+lightVehicle+dog'),
  ('土地・家屋または原付または軽自動車または犬をお持ち', 'ownsAny:realEstate+moped+lightVehicle+dog'),
  ('土地・家屋・原付・犬・軽自動車をお持ち', 'owns:realEstate+moped+dog+lightVehicle'),
  ('土地・家屋または原付または犬または軽自動車をお持ち', 'ownsAny:realEstate+moped+dog+lightVehicle'),
  ('土地・家屋・犬・軽自動車・原付をお持ち', 'owns:realEstate+dog+lightVehicle+moped'),
  ('土地・家屋または犬または軽自動車または原付をお持ち', 'ownsAny:realEstate+dog+lightVehicle+moped'),
  ('土地・家屋・犬・原付・軽自動車をお持ち', 'owns:realEstate+dog+moped+lightVehicle'),
  ('土地・家屋または犬または原付または軽自動車をお持ち', 'ownsAny:realEstate+dog+moped+lightVehicle')
;
--> statement-breakpoint
-- One fact phrase (or "A〜B歳" and the like) as its token; NULL when it is not one the engine wrote.
CREATE FUNCTION plan_reason_fact_0009(words text) RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE
  m text[];
  found text;
BEGIN
  SELECT p."token" INTO found FROM "plan_reason_phrases_0009" AS p WHERE p."phrase" = words;
  IF found IS NOT NULL THEN RETURN found; END IF;
  m := regexp_match(words, '^(\d+)〜(\d+)歳$');
  IF m IS NOT NULL THEN RETURN 'age:' || m[1] || '-' || m[2]; END IF;
  m := regexp_match(words, '^(\d+)歳以上$');
  IF m IS NOT NULL THEN RETURN 'age:' || m[1] || '-'; END IF;
  m := regexp_match(words, '^(\d+)歳未満$');
  IF m IS NOT NULL THEN RETURN 'age:-' || (m[1]::int - 1)::text; END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- The facts of a sentence ("AでBで、C" joined by 「で、」, alternatives by 「または」) as tokens; NULL if any is unknown.
CREATE FUNCTION plan_reason_facts_0009(words text) RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE
  part text;
  alternative text;
  token text;
  alternatives text[];
  parts text[] := '{}';
BEGIN
  FOREACH part IN ARRAY string_to_array(words, 'で、') LOOP
    token := plan_reason_fact_0009(part);
    IF token IS NULL THEN
      alternatives := '{}';
      FOREACH alternative IN ARRAY string_to_array(part, 'または') LOOP
        token := plan_reason_fact_0009(alternative);
        IF token IS NULL THEN RETURN NULL; END IF;
        alternatives := alternatives || token;
      END LOOP;
      token := array_to_string(alternatives, '|');
    END IF;
    parts := parts || token;
  END LOOP;
  RETURN array_to_string(parts, ' ');
END;
$$;
--> statement-breakpoint
-- The members a sentence names ("熊本 太郎さん、m3さん") as member1/name1… parameters, found by name (or by id
-- for a member without one; names compared in NFKC, as entered and as planned may differ) in the household, in input order, among the plan item's members when `among`
-- lists them (two members may share a name); NULL when a name is not there.
CREATE FUNCTION plan_reason_members_0009(names text, household jsonb, among jsonb) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
DECLARE
  piece text;
  person text;
  member jsonb;
  used text[] := '{}';
  params jsonb := '{}';
  n int := 0;
BEGIN
  FOREACH piece IN ARRAY string_to_array(names, '、') LOOP
    IF right(piece, 2) <> 'さん' THEN RETURN NULL; END IF;
    person := left(piece, -2);
    SELECT x.m INTO member FROM jsonb_array_elements(
      CASE WHEN jsonb_typeof(household -> 'members') = 'array' THEN household -> 'members' ELSE '[]'::jsonb END
    ) WITH ORDINALITY AS x(m, i)
    WHERE (normalize(x.m ->> 'name', NFKC) = normalize(person, NFKC) OR (x.m ->> 'name' IS NULL AND x.m ->> 'id' = person))
      AND NOT (x.m ->> 'id' = ANY (used))
      AND (among IS NULL OR among ? (x.m ->> 'id'))
    ORDER BY x.i
    LIMIT 1;
    IF member IS NULL THEN RETURN NULL; END IF;
    n := n + 1;
    used := used || (member ->> 'id');
    params := params || jsonb_build_object('member' || n, member ->> 'id');
    -- The name as the sentence has it: the engine's, normalised as the household schema does.
    IF member ->> 'name' IS NOT NULL THEN
      params := params || jsonb_build_object('name' || n, person);
    END IF;
  END LOOP;
  RETURN params;
END;
$$;
--> statement-breakpoint
-- One stored sentence as a reason; `members` are the plan item's member ids.
CREATE FUNCTION plan_reason_0009(sentence text, household jsonb, members jsonb) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
DECLARE
  m text[];
  who jsonb;
  facts text;
  scope text;
  fixed jsonb := jsonb_build_object(
    '外国からの転入のため', 'fromAbroad',
    'ほかの市区町村からの転入のため', 'fromOtherMunicipality',
    '外国への転出のため', 'toAbroad',
    'ほかの市区町村への転出のため', 'toOtherMunicipality',
    'ほかの都道府県との引っ越しのため', 'crossPrefecture',
    '同じ都道府県の中の引っ越しのため', 'samePrefecture',
    '死亡届はもう出ているため', 'deathRegistered',
    '死亡届がまだ出ていないため', 'deathNotRegistered',
    '通学区域が変わるため', 'schoolDistrictChanges',
    '通学区域は変わらないため', 'schoolDistrictSame',
    '住民票の写しのご希望があったため', 'residenceCertificateRequested',
    '申請するのは、葬儀を行った方（喪主）です', 'claimantUnknown');
  te jsonb := jsonb_build_object(
    '転入し', 'moveIn', '転居し', 'moveWithin', 'ほかの区へ移り', 'moveBetweenWards', '転出し', 'moveOut',
    '亡くなり', 'subject', '世帯に残り', 'remaining', '世帯の一員で', 'household', '引っ越し', 'moving');
  plain jsonb := jsonb_build_object(
    '転入する', 'moveIn', '転居する', 'moveWithin', 'ほかの区へ移る', 'moveBetweenWards', '転出する', 'moveOut',
    '亡くなった', 'subject', '世帯に残る', 'remaining', '世帯の一員である', 'household', '引っ越す', 'moving');
  noun jsonb := jsonb_build_object(
    '転入する方', 'moveIn', '転居する方', 'moveWithin', 'ほかの区へ移る方', 'moveBetweenWards', '転出する方', 'moveOut',
    '亡くなった方', 'subject', '世帯に残る方', 'remaining', '世帯', 'household', '引っ越す方', 'moving');
  among jsonb := CASE WHEN jsonb_typeof(members) = 'array' THEN members END;
  legacy jsonb := jsonb_build_object('code', 'guidance.reason.legacy', 'params', jsonb_build_object('text', sentence));
BEGIN
  IF fixed ? sentence THEN
    RETURN jsonb_build_object('code', 'guidance.reason.' || (fixed ->> sentence));
  END IF;
  m := regexp_match(sentence, '^申請するのは、葬儀を行った(.+)（喪主）です$');
  IF m IS NOT NULL THEN
    who := plan_reason_members_0009(m[1], household, NULL);
    IF who IS NULL OR who ? 'member2' THEN RETURN legacy; END IF;
    RETURN jsonb_build_object('code', 'guidance.reason.claimant', 'params', who);
  END IF;
  m := regexp_match(sentence, '^亡くなった方が(.+)だったため$');
  IF m IS NOT NULL THEN
    facts := plan_reason_facts_0009(m[1]);
    IF facts IS NULL THEN RETURN legacy; END IF;
    RETURN jsonb_build_object('code', 'guidance.reason.deceasedWas', 'params', jsonb_build_object('facts', facts));
  END IF;
  m := regexp_match(sentence, '^(転入する方|転居する方|ほかの区へ移る方|転出する方|亡くなった方|世帯に残る方|世帯|引っ越す方)に(.+)の方が(?:(\d+)人以上)?いるため$');
  IF m IS NOT NULL THEN
    facts := plan_reason_facts_0009(m[2]);
    IF facts IS NULL THEN RETURN legacy; END IF;
    RETURN jsonb_build_object('code', 'guidance.reason.countWith', 'params',
      jsonb_build_object('scope', noun ->> m[1], 'facts', facts, 'min', coalesce(m[3]::int, 1)));
  END IF;
  m := regexp_match(sentence, '^(転入する方|転居する方|ほかの区へ移る方|転出する方|亡くなった方|世帯に残る方|世帯|引っ越す方)が(?:(\d+)人以上)?いるため$');
  IF m IS NOT NULL THEN
    RETURN jsonb_build_object('code', 'guidance.reason.count', 'params',
      jsonb_build_object('scope', noun ->> m[1], 'min', coalesce(m[2]::int, 1)));
  END IF;
  m := regexp_match(sentence, '^(.+)が(転入し|転居し|ほかの区へ移り|転出し|亡くなり|世帯に残り|世帯の一員で|引っ越し)、(.+)(の|だった)ため$');
  IF m IS NOT NULL THEN
    scope := te ->> m[2];
    who := plan_reason_members_0009(m[1], household, among);
    facts := plan_reason_facts_0009(m[3]);
    IF who IS NULL OR facts IS NULL OR (m[4] = 'だった') <> (scope = 'subject') THEN RETURN legacy; END IF;
    RETURN jsonb_build_object('code', 'guidance.reason.members', 'params',
      who || jsonb_build_object('scope', scope, 'facts', facts));
  END IF;
  m := regexp_match(sentence, '^(.+)が(転入する|転居する|ほかの区へ移る|転出する|亡くなった|世帯に残る|世帯の一員である|引っ越す)ため$');
  IF m IS NOT NULL THEN
    who := plan_reason_members_0009(m[1], household, among);
    IF who IS NULL THEN RETURN legacy; END IF;
    RETURN jsonb_build_object('code', 'guidance.reason.membersInScope', 'params',
      who || jsonb_build_object('scope', plain ->> m[2]));
  END IF;
  m := regexp_match(sentence, '^(.+)が対象のため$');
  IF m IS NOT NULL THEN
    who := plan_reason_members_0009(m[1], household, among);
    IF who IS NULL THEN RETURN legacy; END IF;
    RETURN jsonb_build_object('code', 'guidance.reason.anyone', 'params', who);
  END IF;
  RETURN legacy;
END;
$$;
--> statement-breakpoint
UPDATE "visits" AS v
SET "plan" = jsonb_set(v."plan", '{procedures}', (
  SELECT coalesce(jsonb_agg(
    CASE WHEN jsonb_typeof(p -> 'reasons') = 'array' THEN jsonb_set(p, '{reasons}', (
      SELECT coalesce(jsonb_agg(
        CASE WHEN jsonb_typeof(r) = 'string' THEN plan_reason_0009(r #>> '{}', v."household", p -> 'members') ELSE r END
        ORDER BY i), '[]'::jsonb)
      FROM jsonb_array_elements(p -> 'reasons') WITH ORDINALITY AS x(r, i)))
    ELSE p END
    ORDER BY j), '[]'::jsonb)
  FROM jsonb_array_elements(v."plan" -> 'procedures') WITH ORDINALITY AS y(p, j)))
WHERE jsonb_typeof(v."plan" -> 'procedures') = 'array'
  AND EXISTS (
    SELECT 1
    FROM jsonb_array_elements(v."plan" -> 'procedures') AS y(p)
    CROSS JOIN LATERAL jsonb_array_elements(
      CASE WHEN jsonb_typeof(p -> 'reasons') = 'array' THEN p -> 'reasons' ELSE '[]'::jsonb END
    ) AS x(r)
    WHERE jsonb_typeof(r) = 'string'
  );
--> statement-breakpoint
DROP FUNCTION plan_reason_0009(text, jsonb, jsonb);
--> statement-breakpoint
DROP FUNCTION plan_reason_members_0009(text, jsonb, jsonb);
--> statement-breakpoint
DROP FUNCTION plan_reason_facts_0009(text);
--> statement-breakpoint
DROP FUNCTION plan_reason_fact_0009(text);
--> statement-breakpoint
DROP TABLE "plan_reason_phrases_0009";
