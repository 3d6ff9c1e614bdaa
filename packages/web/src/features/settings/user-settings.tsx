/** User settings: the full-screen layer opened from the user panel (loaded on demand with React.lazy). */
import type { CurrentUser } from "@nexus/protocol";
import { closeLayer, openUserSettings } from "../../state/layers.js";
import { signOut } from "../../state/session.js";
import { type SettingsGroup, SettingsLayer } from "../../ui/settings-layer.js";
import { MyLinkPreviewsBlock } from "../embeds/link-preview-settings-section.js";
import { AppearanceSection } from "./appearance-section.js";
import { DeleteAccountBlock } from "./delete-account-block.js";
import { PrivacySection } from "./privacy-section.js";
import { ProfileSection } from "./profile-section.js";
import { SessionsBlock } from "./sessions-block.js";
import { TwoFactorBlock } from "./two-factor-block.js";

const GROUPS: SettingsGroup[] = [
  {
    title: "User settings",
    sections: [
      { id: "account", label: "My Account" },
      { id: "security", label: "Security" },
      { id: "devices", label: "Devices" },
      { id: "privacy", label: "Privacy & Safety" },
    ],
  },
  { title: "App settings", sections: [{ id: "appearance", label: "Appearance" }] },
  { title: "Account", sections: [{ id: "logout", label: "Log out", danger: true }] },
];

function Section({ id, user }: { id: string; user: CurrentUser }) {
  switch (id) {
    case "security":
      return <TwoFactorBlock user={user} />;
    case "devices":
      return <SessionsBlock />;
    case "privacy":
      return (
        <>
          <PrivacySection />
          <MyLinkPreviewsBlock />
          <DeleteAccountBlock user={user} />
        </>
      );
    case "appearance":
      return <AppearanceSection />;
    default:
      return <ProfileSection user={user} />;
  }
}

export default function UserSettings({ user, section }: { user: CurrentUser; section: string }) {
  return (
    <SettingsLayer
      title="User settings"
      groups={GROUPS}
      active={section}
      onClose={closeLayer}
      onSelect={(id) => (id === "logout" ? void signOut() : openUserSettings(id))}
    >
      <Section id={section} user={user} />
    </SettingsLayer>
  );
}
