/** Privacy & Safety: who may DM you, and a copy of your data. */
import { DM_PRIVACY_LEVELS, type DmPrivacy } from "@nexus/protocol";
import { useEffect, useState } from "react";
import type { ExportTicket } from "../../api/account-api.js";
import { Button } from "../../ui/button.js";
import { FormError } from "../../ui/form-error.js";
import { SettingsBlock } from "../../ui/settings-layer.js";
import { useAction } from "../../ui/use-action.js";
import { accountApi } from "./account-api.js";

const DM_LABELS: Record<DmPrivacy, { label: string; hint: string }> = {
  server_members: { label: "Anyone who shares a server with me", hint: "Friends can always message you." },
  friends: { label: "Friends only", hint: "People you're not friends with can't start a DM." },
  nobody: { label: "Nobody", hint: "No one can start a new DM or add you to a group." },
};

function DmPrivacyBlock() {
  const [level, setLevel] = useState<DmPrivacy | null>(null);
  const action = useAction();
  const { run } = action;
  useEffect(() => {
    void run(async () => setLevel((await accountApi.privacy()).dm_privacy));
  }, [run]);

  const choose = (next: DmPrivacy) => {
    const previous = level;
    setLevel(next);
    void run(async () => setLevel((await accountApi.setDmPrivacy(next)).dm_privacy)).then(
      (ok) => ok || setLevel(previous),
    );
  };

  return (
    <SettingsBlock title="Direct messages">
      <fieldset className="radio-group" disabled={level === null} aria-busy={level === null}>
        <legend className="field-label">Who can send you direct messages</legend>
        {DM_PRIVACY_LEVELS.map((value) => (
          <label key={value} className="radio-option">
            <input type="radio" name="dm-privacy" checked={level === value} onChange={() => choose(value)} />
            <span>
              <span className="radio-label">{DM_LABELS[value].label}</span>
              <span className="radio-hint">{DM_LABELS[value].hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <FormError message={action.error} />
    </SettingsBlock>
  );
}

function DataExportBlock() {
  const [ticket, setTicket] = useState<ExportTicket | null>(null);
  const [file, setFile] = useState<string | null>(null);
  const action = useAction();

  useEffect(() => () => void (file && URL.revokeObjectURL(file)), [file]);

  const request = () =>
    void action.run(async () => {
      const created = await accountApi.requestExport();
      const archive = await accountApi.downloadExport(created);
      setTicket(created);
      setFile(URL.createObjectURL(archive));
    });

  return (
    <SettingsBlock
      title="Your data"
      description="Get a copy of your account, servers, direct-message channels, friends, every message you wrote and the files you uploaded, as one zip archive."
    >
      <div className="settings-actions">
        <Button variant="secondary" onClick={request} busy={action.busy}>
          {ticket ? "Request a new copy" : "Request my data"}
        </Button>
        {file ? (
          <a className="btn btn-primary" href={file} download={`nexus-export-${ticket?.id}.zip`}>
            Download my data
          </a>
        ) : null}
      </div>
      <FormError message={action.error} />
    </SettingsBlock>
  );
}

export function PrivacySection() {
  return (
    <>
      <DmPrivacyBlock />
      <DataExportBlock />
    </>
  );
}
