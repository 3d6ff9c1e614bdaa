import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { emojiImagePath, parseCustomEmoji, parseReactionEmoji } from "./emojis.js";

describe("custom emoji syntax", () => {
  it("finds <:name:id> and <a:name:id> with their positions", () => {
    const content = "hi <:party:123> and <a:spin_2:456>, not <:x:1> or <:bad-name:2>";
    assert.deepEqual(parseCustomEmoji(content), [
      { id: "123", name: "party", animated: false, index: 3, length: 12 },
      { id: "456", name: "spin_2", animated: true, index: 20, length: 14 },
    ]);
  });

  it("reads the reaction route forms, and leaves Unicode alone", () => {
    for (const form of ["party:123", "a:party:123", "<:party:123>", "<a:party:123>"]) {
      assert.deepEqual(parseReactionEmoji(form), { id: "123", name: "party" }, form);
    }
    assert.deepEqual(parseReactionEmoji("abc:99"), { id: "99", name: "abc" });
    assert.equal(parseReactionEmoji("👍"), undefined);
    assert.equal(parseReactionEmoji("party"), undefined);
  });

  it("serves static emoji as PNG and animated ones as GIF by default", () => {
    assert.equal(emojiImagePath({ id: "1", animated: false }), "/media/emojis/1.png");
    assert.equal(emojiImagePath({ id: "1", animated: true }), "/media/emojis/1.gif");
    assert.equal(emojiImagePath({ id: "1", animated: true }, "webp"), "/media/emojis/1.webp");
  });
});
