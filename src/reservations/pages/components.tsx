import type { Child } from "hono/jsx";
import type { Problem } from "../../shared/errors";
import type { Locale } from "../../shared/locale";
import { ErrorSummary } from "../../web/components/fields";
import { Ja } from "../../web/components/lang";
import { type PublicContext, PublicLayout } from "../../web/components/public-layout";
import type { DayText } from "./reservation.presenter";

/** The frame of every booking page: the resident layout, a heading and the problems on top. */
export function BookingPage(props: {
  ctx: PublicContext;
  title: string;
  languages: readonly Locale[];
  problems?: readonly Problem[];
  back?: { href: string; label: string };
  children: Child;
}) {
  const problems = props.problems ?? [];
  return (
    <PublicLayout
      ctx={props.ctx}
      title={props.title}
      bodyClass="queue phone reservations"
      styles={["queue"]}
      languages={props.languages}
      error={problems.length > 0}
    >
      <div class="phone__card">
        {props.back ? (
          <p>
            <a href={props.back.href}>{props.back.label}</a>
          </p>
        ) : null}
        <h1>{props.title}</h1>
        <ErrorSummary problems={problems} t={props.ctx.t} />
        {props.children}
      </div>
    </PublicLayout>
  );
}

/** "2026年12月8日（火）（令和8年12月8日）": 西暦 with the weekday, 和暦 beside it, marked as Japanese. */
export function Day({ ctx, day }: { ctx: { lang: Locale }; day: DayText }) {
  return (
    <>
      {day.western} <Ja ctx={ctx}>（{day.wareki}）</Ja>
    </>
  );
}

export function Csrf({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}
