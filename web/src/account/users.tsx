/** Users and their roles (admins): create a user, change a role, disable or enable. */
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { type ApiError, request } from "../api/client.ts";
import type { Role, User } from "../api/types.ts";
import { dataChanged, useApi } from "../api/use-api.ts";
import { ErrorMessage } from "../components/status.tsx";
import { TableScroll } from "../components/table-scroll.tsx";
import { Field } from "../entry/fields.tsx";
import { useFormat } from "../format.ts";

const ROLES: Role[] = ["viewer", "editor", "admin"];

function UserRow({ user, onError }: { user: User; onError(error: ApiError): void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const change = async (patch: { role?: Role; disabled?: boolean }) => {
    try {
      await request("PATCH", `/api/users/${encodeURIComponent(user.name)}`, {
        version: user.version,
        ...patch,
      });
      dataChanged();
    } catch (error) {
      onError(error as ApiError);
    }
  };
  return (
    <tr>
      <th scope="row">{user.name}</th>
      <td>
        <label className="visually-hidden" htmlFor={`role-${user.id}`}>
          {t("users.roleOf", { name: user.name })}
        </label>
        <select
          id={`role-${user.id}`}
          value={user.role}
          onChange={(e) => void change({ role: e.target.value as Role })}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </td>
      <td>{user.disabled ? t("users.disabled") : t("users.active")}</td>
      <td>{fmt.dateTime(user.createdAt)}</td>
      <td>
        <button
          type="button"
          className="secondary"
          onClick={() => void change({ disabled: !user.disabled })}
        >
          {user.disabled ? t("users.enable") : t("users.disable")}
          <span className="visually-hidden"> {user.name}</span>
        </button>
      </td>
    </tr>
  );
}

export function Users() {
  const { t } = useTranslation();
  const { data, error } = useApi<{ items: User[] }>("/api/users");
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [password, setPassword] = useState("");
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const create = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    try {
      await request("POST", "/api/users", { name: name.trim(), role, password });
      setCreated(name.trim());
      setName("");
      setPassword("");
      dataChanged();
    } catch (e) {
      setFailure(e as ApiError);
    }
  };
  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">{t("users.title")}</h2>
      <ErrorMessage error={error} />
      {failure && failure.fields.length === 0 && <ErrorMessage error={failure} />}
      {data && (
        <TableScroll label={t("users.title")}>
          <table className="data-table compact">
            <thead>
              <tr>
                <th scope="col">{t("account.name")}</th>
                <th scope="col">{t("tokens.role")}</th>
                <th scope="col">{t("tokens.state")}</th>
                <th scope="col">{t("tokens.created")}</th>
                <th scope="col">{t("users.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((u) => (
                <UserRow key={u.id} user={u} onError={setFailure} />
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <h3 id="new-user-title">{t("users.create")}</h3>
      <form className="inline-form" onSubmit={create} aria-labelledby="new-user-title">
        <Field label={t("account.name")} error={failure?.fieldMessage("name")} required>
          {(a) => (
            <input
              {...a}
              value={name}
              onChange={(e) => setName(e.target.value)}
              autoComplete="off"
            />
          )}
        </Field>
        <Field label={t("tokens.role")} error={failure?.fieldMessage("role")}>
          {(a) => (
            <select {...a} value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label={t("account.password")}
          error={failure?.fieldMessage("password")}
          hint={t("users.passwordHint")}
          required
        >
          {(a) => (
            <input
              {...a}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <button type="submit">{t("users.create")}</button>
        {created && <p role="status">{t("users.created", { name: created })}</p>}
      </form>
    </section>
  );
}
