import { LANGUAGES } from "../../i18n/locales";
import type { Locale } from "../../shared/locale";
import type { Translate } from "../i18n";

/**
 * The offered languages, each in its own name and marked with its own lang, as links to
 * `/lang?to=CODE&back=PATH` (works without JavaScript). `large` gives kiosk- and phone-sized targets.
 */
export function LanguageSwitch(props: {
  t: Translate;
  current: Locale;
  offered: readonly Locale[];
  back: string;
  large?: boolean;
}) {
  const languages = LANGUAGES.filter((l) => props.offered.includes(l.code));
  if (languages.length < 2) return null;
  return (
    <nav
      class={props.large ? "lang-switch lang-switch--large no-print" : "lang-switch no-print"}
      aria-label={props.t("common.languageNav")}
    >
      <ul>
        {languages.map((l) => (
          <li>
            {l.code === props.current ? (
              <span aria-current="true" lang={l.code} class="lang-switch__current">
                {l.name}
              </span>
            ) : (
              <a
                href={`/lang?to=${encodeURIComponent(l.code)}&back=${encodeURIComponent(props.back)}`}
                lang={l.code}
                hreflang={l.code}
              >
                {l.name}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
