/** A recovery phrase as numbered words (an ordered list, read in order by screen readers). */
export function PhraseWords({ phrase }: { phrase: string }) {
  const words = phrase.split(/\s+/).filter((w) => w !== '');
  return (
    <ol className="phrase-words" aria-label="Recovery phrase">
      {words.map((word, i) => (
        <li key={i}>
          <span className="phrase-index" aria-hidden="true">
            {i + 1}
          </span>
          <span className="phrase-word">{word}</span>
        </li>
      ))}
    </ol>
  );
}
