/** "Alice is typing…", announced politely; an empty live region otherwise (so the change is heard). */
export function TypingIndicator({ typing, name }: { typing: boolean; name: string }) {
  return (
    <div className="typing" aria-live="polite">
      {typing && (
        <>
          <span className="typing-dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>{' '}
          {name} is typing…
        </>
      )}
    </div>
  );
}
