/** The floating bar under a long settings form: warns about unsaved changes, saves, then says so. */
import { Button } from "./button.js";
import { FormError } from "./form-error.js";

export function SaveBar({
  changed,
  saved,
  busy,
  error,
  onSave,
}: {
  changed: boolean;
  saved: boolean;
  busy: boolean;
  error: string | undefined;
  onSave: () => void;
}) {
  return (
    <div className="settings-save-bar" hidden={!changed && !saved && !error}>
      {error ? (
        <FormError message={error} />
      ) : (
        <p role="status">{saved && !changed ? "Saved" : "Careful — you have unsaved changes!"}</p>
      )}
      <Button onClick={onSave} busy={busy} disabled={!changed}>
        Save changes
      </Button>
    </div>
  );
}
