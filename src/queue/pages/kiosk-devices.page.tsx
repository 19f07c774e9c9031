import type { Problem } from "../../shared/errors";
import type { LocaleMap } from "../../shared/locale";
import { ErrorSummary, problemFor, TextField } from "../../web/components/fields";
import { Local } from "../../web/components/lang";
import { CsrfField, type PageContext } from "../../web/layout";

export interface KioskDeviceItem {
  id: string;
  label: string;
  state: "pending" | "expired" | "paired" | "revoked";
  /** Times already formatted for the page's language. */
  createdAt: string;
  pairingExpiresAt: string | null;
  lastUsedAt: string | null;
}

export interface KioskDevicesView {
  officeId: string;
  officeName: LocaleMap;
  required: boolean;
  /** Administrators change the requirement; supervisors see it. */
  canSetRequirement: boolean;
  devices: KioskDeviceItem[];
  /** Just registered: the pairing address, shown this once. */
  pairing?: { url: string; label: string; expiresAt: string } | undefined;
  label: string;
  problems: Problem[];
}

/** An office's kiosk devices: register one (its pairing address shown once), revoke one, require them. */
export function kioskDevicesPage(ctx: PageContext, v: KioskDevicesView) {
  const t = ctx.t;
  const base = `/queue/offices/${v.officeId}/kiosk-devices`;
  return (
    <>
      <h1>{t("queue.kioskDevicesTitle")}</h1>
      <ErrorSummary problems={v.problems} t={t} />
      <p class="lead">
        <Local map={v.officeName} ctx={ctx} />
      </p>
      {v.pairing ? (
        <section class="notice" aria-labelledby="pairing-title" data-testid="pairing">
          <h2 id="pairing-title">{t("queue.kioskDevicePairingTitle")}</h2>
          <p>{t("queue.kioskDevicePairingLead", { label: v.pairing.label, time: v.pairing.expiresAt })}</p>
          <p>
            <code data-testid="pairing-url">{v.pairing.url}</code>
          </p>
        </section>
      ) : null}
      <p>{t("queue.kioskDevicesLead")}</p>
      <p data-testid="requirement">
        {t(v.required ? "queue.kioskRequirementIsOn" : "queue.kioskRequirementIsOff")}
      </p>
      {v.canSetRequirement ? (
        <form method="post" action={`${base}/requirement`}>
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="required" value={v.required ? "false" : "true"} />
          <button type="submit" class="button button--secondary">
            {t(v.required ? "queue.kioskRequirementTurnOff" : "queue.kioskRequirementTurnOn")}
          </button>
        </form>
      ) : null}
      <h2>{t("queue.kioskDevicesListTitle")}</h2>
      {v.devices.length === 0 ? (
        <p>{t("queue.kioskDevicesNone")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("queue.kioskDeviceColName")}</th>
              <th scope="col">{t("queue.kioskDeviceColState")}</th>
              <th scope="col">{t("queue.kioskDeviceColCreated")}</th>
              <th scope="col">{t("queue.kioskDeviceColLastUsed")}</th>
              <th scope="col">
                <span class="visually-hidden">{t("queue.kioskDeviceRevoke")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {v.devices.map((d) => (
              <tr>
                <td>{d.label}</td>
                <td>
                  {d.state === "pending"
                    ? t("queue.kioskDeviceStatePending", { time: d.pairingExpiresAt ?? "" })
                    : t(
                        d.state === "paired"
                          ? "queue.kioskDeviceStatePaired"
                          : d.state === "expired"
                            ? "queue.kioskDeviceStateExpired"
                            : "queue.kioskDeviceStateRevoked",
                      )}
                </td>
                <td>{d.createdAt}</td>
                <td>{d.lastUsedAt ?? "—"}</td>
                <td>
                  {d.state === "revoked" ? null : (
                    <form method="post" action={`${base}/${d.id}/revoke`}>
                      <CsrfField token={ctx.csrfToken} />
                      <button type="submit" class="button button--secondary">
                        {t("queue.kioskDeviceRevokeNamed", { label: d.label })}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t("queue.kioskDeviceRegisterTitle")}</h2>
      <form method="post" action={base} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextField
          id="label"
          label={t("queue.kioskDeviceLabel")}
          hint={t("queue.kioskDeviceLabelHint")}
          value={v.label}
          maxlength={60}
          required
          error={problemFor(v.problems, "label", t)}
        />
        <button type="submit" class="button">
          {t("queue.kioskDeviceRegister")}
        </button>
      </form>
    </>
  );
}
