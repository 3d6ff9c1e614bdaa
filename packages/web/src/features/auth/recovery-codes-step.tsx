/** Shows freshly issued recovery codes exactly once; the user must confirm saving them before going on. */
import { useState } from "react";
import { Button } from "../../ui/button.js";
import { Icon } from "../../ui/icons.js";

export function RecoveryCodesStep({
  username,
  codes,
  onContinue,
}: {
  username: string;
  codes: string[];
  onContinue: () => void;
}) {
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState(false);
  const text = `Nexus recovery codes for ${username}\nEach code works once, to reset your password or pass two-factor.\n\n${codes.join("\n")}\n`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  function download() {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = `nexus-recovery-codes-${username}.txt`;
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <div className="recovery-codes">
      <p className="auth-subtitle">
        Nexus never asks for your email or phone, so these codes are how you get back in if you forget your password.
        Each works once. <strong>This is the only time they are shown.</strong>
      </p>
      <ol className="code-list" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="code-actions">
        <Button variant="secondary" onClick={copy}>
          <Icon name="copy" size={16} /> {copied ? "Copied" : "Copy codes"}
        </Button>
        <Button variant="secondary" onClick={download}>
          <Icon name="download" size={16} /> Download .txt
        </Button>
      </div>
      <p className="visually-hidden" role="status">
        {copied ? "Recovery codes copied to the clipboard." : ""}
      </p>
      <label className="checkbox">
        <input type="checkbox" checked={saved} onChange={(event) => setSaved(event.target.checked)} />
        <span>I saved my recovery codes somewhere safe</span>
      </label>
      <Button block disabled={!saved} onClick={onContinue}>
        Continue to Nexus
      </Button>
    </div>
  );
}
