export const mainHelp = `使い方 / Usage: madoguchi <command> [options]

Commands:
  serve                 サーバーを起動 / start the web server (and migrate, seed the demo on first start)
  migrate               マイグレーションを適用 / apply database migrations
  worker                基幹システムへの配信ワーカー / run a hand-off delivery worker (PostgreSQL; any number)
  seed                  デモ自治体（熊本市）を作成 / create the Kumamoto demo tenant and demo accounts
  user add              職員アカウントを追加 / add a staff account
  user disable LOGIN    アカウントを無効化（セッションも終了） / disable an account and end its sessions
  user enable LOGIN     アカウントを有効に戻す / enable a disabled account
  user reset-password LOGIN  パスワードを再設定 / set a new password (printed once) and end sessions
  user reset-totp LOGIN 2段階認証をリセット / forget the TOTP key: enrol again at the next sign-in
  user unlock LOGIN     ロックを解除 / lift a lock-out
  user sessions LOGIN   セッションを一覧・終了（--end） / list an account's sessions, or end them with --end
  guide FILE | --jsonl  手続きの案内を計算 / print the procedures a household needs
  forms FILE --out PDF  申請書一式をPDFで作成 / write every one-stop form of a household's plan to one PDF
  registry generate     住民記録のデモデータを生成 / generate a synthetic resident registry (Kumamoto)
  registry import FILE  住民記録ファイル（CSV）を取込み / import a resident registry CSV (UTF-8 or Shift_JIS)
  registry search       住民を検索 / search residents (name, kana, birth date, address, card attributes)
  registry household ID 世帯を開き案内の入力を出力 / open a household (audited) and print it as guidance input
  registry rekey        検索キーを再計算 / recompute residents' search keys after an upgrade
  manual list|search    マニュアル・FAQの一覧と検索 / list or search the manual and FAQ (no server needed)
  manual import DIR     マニュアルのMarkdownを取込み / import manual entries (Markdown) into the database
  demo simulate         デモの来庁・番号札を生成（KPI画面用） / simulate days of counter visits for the KPI dashboard
  demo clear            demo simulate のデータを削除 / remove the simulated demo data
  reservations sweep    来庁されなかった予約を記録 / record bookings past their grace period as no-shows (audited)
  reservations remind   前日のお知らせメールを送信 / send the day-before reservation e-mails (SMTP_URL), once each
  card-agent            マイナンバーカード読取エージェント / the My Number card agent on a counter PC (PC/SC, 127.0.0.1)

Environment: PORT (3000), HOST (127.0.0.1), DATABASE_URL (postgres://…; unset = embedded PGlite),
  DATA_DIR (./data), LOG_LEVEL (info), SESSION_IDLE_MINUTES (30), DEMO_SEED (true),
  DEMO_RESIDENTS (20000, generated on first start), REGISTRY_ADAPTER (local | http: REGISTRY_HTTP_URL,
  REGISTRY_HTTP_TOKEN), WORKER_IN_PROCESS (true), HANDOFF_DESTINATIONS_FILE, HANDOFF_DROP_DIR
  (DATA_DIR/handoff), HANDOFF_SECRETS (JSON), HANDOFF_CONCURRENCY (8), HANDOFF_* timings (docs/handoff.md)
Run 'madoguchi <command> --help' for a command's options.
`;

export const commandHelp: Record<string, string> = {
  "card-agent": `Usage: madoguchi card-agent [--server URL] [--port 47110] [--reader NAME]
  Runs on a counter PC with a PC/SC reader (Debian: pcscd). Serves 127.0.0.1 only, and only to pages of
  --server (default PUBLIC_URL). Prints a one-time pairing code: the clerk types it on the counter page
  once. The PIN goes from the page to this agent and to the card, never to the server or a log; the
  card's 個人番号 file is never read. Nothing is written to disk. docs/card.md.
`,
  "demo simulate": `Usage: madoguchi demo simulate [--days 90] [--per-day 12] [--seed 1] [--municipality kumamoto]
  Fills the demo tenant with --days of history up to yesterday through the real queue use cases:
  tickets issued at the kiosk (peaks at 9:00 and in March–April), calls, service times by purpose,
  transfers to the welfare and children counters, no-shows and survey answers. Closed days are skipped.
  Everything is marked as demo data; the KPI dashboard (/kpi) shows it. Remove it with demo clear.
`,
  "manual list": `Usage: madoguchi manual list [--json] [--dir DIR | --db] [--municipality kumamoto] [--lang ja]
  Lists the manual's entries: {"entries":[{"id","title","procedures","audience","kind"}]} with --json.
  Reads the content folder (default content/manual/<municipality>) without a server or database;
  --db reads the versions published in the database instead (docs/manual.md).
`,
  "manual search": `Usage: madoguchi manual search "QUERY" [--json] [--limit 10] [--lang CODE] [--audience staff|public]
                              [--dir DIR | --db] [--municipality kumamoto]
  Searches as the /manual and /faq pages do (kana, kanji, half-width, variants, English), best first:
  {"results":[{"id","title","procedures","score","highlight","snippet"}]} with --json; 【】 marks the
  matched words. Titles in English for a query in Latin letters unless --lang. Nothing is logged.
`,
  "manual import": `Usage: madoguchi manual import DIR [--municipality kumamoto]
  Validates every <id>.md of DIR against the catalogue (problems on stderr, exit 2, nothing written),
  then imports them in one transaction: each changed entry becomes a new published version, the
  previous one kept. Changes made in the product need a second person's approval instead.
`,
  "demo clear": `Usage: madoguchi demo clear [--municipality kumamoto]
  Removes every ticket made by demo simulate, with its events, KPI facts, survey answers and the
  visits its calls opened, in one transaction.
`,
  "reservations sweep": `Usage: madoguchi reservations sweep [--municipality kumamoto]
  Records as no-shows the bookings whose grace period has ended without a check-in, each with an
  audit entry, in one transaction (the same as the button on /reservations/staff). Run it from cron.
`,
  "reservations remind": `Usage: madoguchi reservations remind [--municipality kumamoto]
  Sends the day-before reminder e-mail of tomorrow's bookings that have an address, each once (SMTP_URL
  must be set). Without SMTP staff telephone from the list on /reservations/staff. Run it daily.
`,
  "registry generate": `Usage: madoguchi registry generate [--residents N] [--seed N] [--as-of YYYY-MM-DD]
                                  [--municipality ID] [--csv FILE [--encoding utf-8|shift_jis]]
  Generates a synthetic Kumamoto population (age pyramid, households, insurance, pension, care,
  benefits, rare-kanji names, addresses in the 5 wards) into the registry, in one transaction.
  The same seed, size and --as-of give the same residents; a second run changes nothing.
  Defaults: 730000 residents, seed 1, as of today, municipality kumamoto (set up on a fresh database).
  With --csv, writes the import layout (docs/registry-import.md) to FILE instead of the database.
`,
  "registry search": `Usage: madoguchi registry search [--name TEXT] [--match prefix|partial] [--birth-date YYYY-MM-DD]
                                [--sex female|male] [--address TEXT] [--card] [--municipality ID]
  Searches the local registry copy as the staff page does: old and variant kanji (髙, 﨑, 𠮷 …) are
  found by their common forms, katakana and hiragana alike. Prints one tab-separated line per
  resident: resident id, household id, name, kana, birth date, sex, address. With --card, --name,
  --birth-date, --sex and --address are the card's four attributes, all required.
`,
  "registry household": `Usage: madoguchi registry household HOUSEHOLD_ID --reason REASON [--detail TEXT]
                                   [--event TYPE] [--date YYYY-MM-DD] [--subject RESIDENT_ID]
  Opens a household with a reason (move-within, move-between-wards, move-out, death, move-in,
  certificate, change, other + --detail), written to the audit log, and prints it as guidance input
  (one JSON line; event default move-within today): pipe it into 'madoguchi guide -'.
`,
  "registry import": `Usage: madoguchi registry import FILE [--encoding auto|utf-8|shift_jis] [--municipality ID]
                                [--as-of YYYY-MM-DD]
  Imports a resident registry CSV in the layout of docs/registry-import.md. The encoding is detected
  (UTF-8 with or without BOM, else Shift_JIS/CP932) unless given. Every row is checked first: any bad
  row (line number and reason on stderr, exit code 2) and nothing is written. Otherwise all rows are
  upserted in one transaction; a re-run of the same file changes nothing.
`,
  serve: `Usage: madoguchi serve
  Starts the web server on PORT. On PGlite the data lives in DATA_DIR (one process at a time);
  with DATABASE_URL it runs on PostgreSQL. Migrations are applied at start.
`,
  worker: `Usage: madoguchi worker [--concurrency N]
  Delivers accepted applications to the core systems (docs/handoff.md): claims due deliveries with
  FOR UPDATE SKIP LOCKED, writes file drops and signed HTTP requests, retries on a growing schedule.
  PostgreSQL only (DATABASE_URL): run any number of these processes at once; set WORKER_IN_PROCESS=false
  on the servers to leave delivery to them. On PGlite the server delivers in its own process.
  Stops on Ctrl+C or SIGTERM after recording the deliveries in flight. Default concurrency:
  HANDOFF_CONCURRENCY (8).
`,
  migrate: `Usage: madoguchi migrate
  Applies the SQL migrations to the configured database (PGlite in DATA_DIR, or DATABASE_URL).
`,
  seed: `Usage: madoguchi seed
  Creates the Kumamoto demo tenant (5 ward offices, 8 branches) and, if it has no staff yet, three
  demo accounts with random passwords printed once.
`,
  "user add": `Usage: madoguchi user add --username NAME [--role counter|supervisor|admin] [--office CODE]
                          [--municipality ID] [--name DISPLAY_NAME]
  Creates a staff account with a random password, printed once. Defaults: role counter,
  office chuo, municipality kumamoto.
`,
  "user disable": `Usage: madoguchi user disable LOGIN [--municipality ID]
  Disables the account and ends its sessions in the same transaction: it is signed out everywhere
  and cannot sign in until 'user enable'. Audited (actor "cli").
`,
  "user enable": `Usage: madoguchi user enable LOGIN [--municipality ID]
  Lets a disabled account sign in again, with its password and two-step verification. Audited.
`,
  "user reset-password": `Usage: madoguchi user reset-password LOGIN [--password-stdin] [--municipality ID]
  Sets a new password and ends the account's sessions. Without --password-stdin a random password
  is made and printed once; with it, the password (at least 12 characters) is read from stdin.
  The owner must choose their own password at the next sign-in. The lock-out is left as it is
  ('user unlock'). Audited.
`,
  "user reset-totp": `Usage: madoguchi user reset-totp LOGIN [--municipality ID]
  Forgets the account's TOTP key and recovery codes and ends its sessions: a supervisor or admin
  enrols a new authenticator at the next sign-in. Audited.
`,
  "user unlock": `Usage: madoguchi user unlock LOGIN [--municipality ID]
  Lifts a lock-out and sets the count of failed sign-ins back to 0. Audited.
`,
  "user sessions": `Usage: madoguchi user sessions LOGIN [--end] [--municipality ID]
  Lists the account's open sessions (started, last active, ends, address, browser; never a token),
  one tab-separated line each; with --end, ends them all. Both are audited.
`,
  forms: `Usage: madoguchi forms FILE --out bundle.pdf [--municipality ID] [--filed-on YYYY-MM-DD]
                             [--signature FILE.png]
  Plans the household (guidance JSON with optional "answers" by field key) and writes one PDF with
  every one-stop form of the plan. Unanswered questions print as blank boxes and are listed on
  stderr; a character the font cannot print, or an invalid household or answer: exit code 2.
`,
  guide: `Usage: madoguchi guide FILE [--municipality ID]
       madoguchi guide --jsonl [--municipality ID] < households.jsonl
  Reads a household JSON (event + members) and prints {"procedures":[…]}.
  Invalid input: exit code 2, the problems on stderr. With --jsonl, one plan per line;
  an invalid line becomes {"error":{…}} and the rest continue.
`,
};
