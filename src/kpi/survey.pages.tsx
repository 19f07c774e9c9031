import type { Problem } from "../shared/errors";
import { CsrfField } from "../web/layout";
import type { SurveyLanguage } from "./answer-survey";

/** The survey's words in Japanese, やさしい日本語 and English. */
export const surveyText = {
  ja: {
    title: "窓口アンケート",
    lead: "本日の窓口についてお聞かせください。お名前や連絡先はうかがいません。",
    question: "本日の窓口の対応に満足しましたか。",
    scores: ["1 不満", "2 やや不満", "3 どちらともいえない", "4 やや満足", "5 満足"],
    comment: "ご意見（任意、500字まで）",
    commentHint: "お名前・住所・電話番号などは書かないでください。",
    submit: "送信する",
    thanks: "ご回答ありがとうございました。",
    thanksLead: "いただいたご意見は窓口の改善に使います。",
    already: "このご来庁のアンケートには、すでにご回答いただいています。",
    notYet: "アンケートは手続きが終わってからお答えいただけます。",
    scoreRequired: "満足度を1から5の中から選んでください。",
    commentTooLong: "ご意見は500字以内で入力してください。",
    errorTitle: "入力内容に問題があります",
  },
  easy: {
    title: "まどぐち の アンケート",
    lead: "きょう の まどぐち に ついて おしえて ください。なまえ は かきません。",
    question: "きょう の まどぐち は よかった ですか。",
    scores: ["1 よくない", "2 すこし よくない", "3 ふつう", "4 すこし よい", "5 よい"],
    comment: "いけん（かかなくても いいです。500じ まで）",
    commentHint: "なまえ や じゅうしょ や でんわばんごう は かかないで ください。",
    submit: "おくる",
    thanks: "ありがとう ございました。",
    thanksLead: "まどぐち を よく する ため に つかいます。",
    already: "この アンケート は もう こたえて います。",
    notYet: "てつづき が おわって から こたえて ください。",
    scoreRequired: "1 から 5 の なか から ひとつ えらんで ください。",
    commentTooLong: "いけん は 500じ まで です。",
    errorTitle: "なおす ところ が あります",
  },
  en: {
    title: "Counter survey",
    lead: "Please tell us about the counter today. We do not ask for your name or contact details.",
    question: "How satisfied were you with the counter today?",
    scores: ["1 Dissatisfied", "2 Somewhat dissatisfied", "3 Neither", "4 Somewhat satisfied", "5 Satisfied"],
    comment: "Comments (optional, up to 500 characters)",
    commentHint: "Please do not write your name, address or phone number.",
    submit: "Send",
    thanks: "Thank you for your answer.",
    thanksLead: "We use it to improve the counter.",
    already: "This visit's survey has already been answered.",
    notYet: "The survey opens once your procedures are finished.",
    scoreRequired: "Choose how satisfied you were, from 1 to 5.",
    commentTooLong: "Please keep your comment to 500 characters or fewer.",
    errorTitle: "There is a problem",
  },
} as const;

const htmlLang = (lang: SurveyLanguage) => (lang === "en" ? "en" : "ja");

function LanguageLinks({ action, lang }: { action: string; lang: SurveyLanguage }) {
  const links: Array<[SurveyLanguage, string]> = [
    ["ja", "日本語"],
    ["easy", "やさしい にほんご"],
    ["en", "English"],
  ];
  return (
    <nav aria-label="Language / 言語" class="survey-languages">
      <ul>
        {links.map(([code, label]) => (
          <li lang={htmlLang(code)}>
            {code === lang ? (
              <strong aria-current="page">{label}</strong>
            ) : (
              <a href={`${action}?lang=${code}`}>{label}</a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

export interface SurveyFormProps {
  action: string;
  lang: SurveyLanguage;
  csrfToken: string;
  problems: Problem[];
  score: string;
  comment: string;
}

export function SurveyForm(props: SurveyFormProps) {
  const text = surveyText[props.lang];
  const scoreError = props.problems.find((p) => p.path === "score");
  const commentError = props.problems.find((p) => p.path === "comment");
  const message = (p: Problem) => (props.lang === "en" ? p.en : p.ja);
  return (
    <div lang={htmlLang(props.lang)}>
      <link rel="stylesheet" href="/survey/survey.css" />
      <LanguageLinks action={props.action} lang={props.lang} />
      <h1>{text.title}</h1>
      <p class="lead">{text.lead}</p>
      {props.problems.length > 0 ? (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} autofocus>
          <h2 id="error-summary-title">{text.errorTitle}</h2>
          <ul>
            {props.problems.map((p) => (
              <li>
                <a href={p.path === "score" ? "#score-5" : "#comment"}>{message(p)}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action={props.action}>
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="lang" value={props.lang} />
        <fieldset
          class={scoreError ? "field field--error" : "field"}
          aria-describedby={scoreError ? "score-error" : undefined}
        >
          <legend>{text.question}</legend>
          {scoreError ? (
            <p class="field__error" id="score-error">
              {message(scoreError)}
            </p>
          ) : null}
          {[5, 4, 3, 2, 1].map((n) => (
            <label class="choice" for={`score-${n}`}>
              <input
                type="radio"
                id={`score-${n}`}
                name="score"
                value={String(n)}
                checked={props.score === String(n)}
              />
              {text.scores[n - 1]}
            </label>
          ))}
        </fieldset>
        <div class={commentError ? "field field--error" : "field"}>
          <label for="comment">{text.comment}</label>
          <p class="hint" id="comment-hint">
            {text.commentHint}
          </p>
          {commentError ? (
            <p class="field__error" id="comment-error">
              {message(commentError)}
            </p>
          ) : null}
          <textarea
            id="comment"
            name="comment"
            rows={4}
            aria-describedby={commentError ? "comment-hint comment-error" : "comment-hint"}
          >
            {props.comment}
          </textarea>
        </div>
        <button class="button" type="submit">
          {text.submit}
        </button>
      </form>
    </div>
  );
}

export function SurveyMessage({
  lang,
  kind,
}: {
  lang: SurveyLanguage;
  kind: "thanks" | "already" | "not-yet";
}) {
  const text = surveyText[lang];
  return (
    <div lang={htmlLang(lang)} data-survey={kind}>
      <h1>{kind === "thanks" ? text.thanks : text.title}</h1>
      <p class="lead">
        {kind === "thanks" ? text.thanksLead : kind === "already" ? text.already : text.notYet}
      </p>
    </div>
  );
}
