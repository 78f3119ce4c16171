/**
 * API tokens for scripts: one's own (admins: everybody's). A new token is shown once, in
 * full; afterwards only its name, role and last use.
 */
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { type ApiError, request } from "../api/client.ts";
import type { ApiToken, Role } from "../api/types.ts";
import { dataChanged, useApi } from "../api/use-api.ts";
import { ErrorMessage } from "../components/status.tsx";
import { TableScroll } from "../components/table-scroll.tsx";
import { Field } from "../entry/fields.tsx";
import { useFormat } from "../format.ts";
import { atLeast, useSession } from "../session.tsx";

const ROLES: Role[] = ["viewer", "editor", "admin"];

export function Tokens() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { session } = useSession();
  const { data, error } = useApi<{ items: ApiToken[] }>("/api/tokens");
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [days, setDays] = useState("90");
  const [made, setMade] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const create = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    try {
      const answer = await request<{ token: string; info: ApiToken }>("POST", "/api/tokens", {
        name: name.trim(),
        role,
        expiresInDays: days === "" ? null : Number(days),
      });
      setMade(answer.token);
      setName("");
      dataChanged();
    } catch (e) {
      setFailure(e as ApiError);
    }
  };
  const revoke = async (id: string) => {
    try {
      await request("DELETE", `/api/tokens/${encodeURIComponent(id)}`);
      dataChanged();
    } catch (e) {
      setFailure(e as ApiError);
    }
  };
  return (
    <section aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t("tokens.title")}</h2>
      <p className="hint">{t("tokens.explain")}</p>
      <ErrorMessage error={error} />
      {made && (
        <div className="token-once" role="status">
          <p>{t("tokens.shownOnce")}</p>
          <code data-testid="new-token">{made}</code>
        </div>
      )}
      <form className="inline-form" onSubmit={create}>
        <Field label={t("tokens.name")} error={failure?.fieldMessage("name")} required>
          {(a) => <input {...a} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label={t("tokens.role")} error={failure?.fieldMessage("role")}>
          {(a) => (
            <select {...a} value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLES.filter((r) => atLeast(session.role, r)).map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("tokens.days")} error={failure?.fieldMessage("expiresInDays")}>
          {(a) => (
            <input
              {...a}
              inputMode="numeric"
              value={days}
              onChange={(e) => setDays(e.target.value)}
              size={5}
            />
          )}
        </Field>
        <button type="submit" disabled={!name.trim()}>
          {t("tokens.create")}
        </button>
      </form>
      {failure && failure.fields.length === 0 && <ErrorMessage error={failure} />}
      {data && data.items.length > 0 && (
        <TableScroll label={t("tokens.title")}>
          <table className="data-table compact">
            <thead>
              <tr>
                <th scope="col">{t("tokens.name")}</th>
                <th scope="col">{t("tokens.owner")}</th>
                <th scope="col">{t("tokens.role")}</th>
                <th scope="col">{t("tokens.created")}</th>
                <th scope="col">{t("tokens.expires")}</th>
                <th scope="col">{t("tokens.lastUsed")}</th>
                <th scope="col">{t("tokens.state")}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((token) => (
                <tr key={token.id}>
                  <th scope="row">{token.name}</th>
                  <td>{token.userName}</td>
                  <td>{t(`role.${token.role}`)}</td>
                  <td>{fmt.dateTime(token.createdAt)}</td>
                  <td>{fmt.dateTime(token.expiresAt)}</td>
                  <td>{token.lastUsedAt ? fmt.dateTime(token.lastUsedAt) : t("tokens.never")}</td>
                  <td>
                    {token.revokedAt ? (
                      t("tokens.revoked", { date: fmt.dateTime(token.revokedAt) })
                    ) : (
                      <button
                        type="button"
                        className="secondary"
                        onClick={() => void revoke(token.id)}
                      >
                        {t("tokens.revoke")}
                        <span className="visually-hidden"> {token.name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
