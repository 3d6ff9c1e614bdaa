/** A fenced code block: plain at once, highlighted when the (lazily loaded) highlighter is ready. */
import { useEffect, useState } from "react";
import type { Token } from "./highlighter.js";

export function CodeBlock({ lang, code }: { lang: string; code: string }) {
  const [tokens, setTokens] = useState<Token[] | null>(null);
  useEffect(() => {
    if (!lang) return;
    let live = true;
    void import("./highlighter.js").then(({ highlight }) => {
      if (live) setTokens(highlight(code, lang.toLowerCase()));
    });
    return () => {
      live = false;
    };
  }, [code, lang]);
  return (
    <pre className="code-block">
      <code>
        {tokens
          ? tokens.map((token, index) =>
              token.classes.length > 0 ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: tokens are positional and never reordered
                <span key={index} className={token.classes.join(" ")}>
                  {token.text}
                </span>
              ) : (
                token.text
              ),
            )
          : code}
      </code>
    </pre>
  );
}
