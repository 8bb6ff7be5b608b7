/** Hush's mark. Decorative: always next to a text saying what it is. */
export function Logo({ size = 32 }: { size?: number }) {
  return (
    <svg className="logo" width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="14" fill="var(--logo-bg)" />
      <path d="M20 18v28M44 18v28M20 32h24" stroke="var(--accent)" strokeWidth="7" strokeLinecap="round" fill="none" />
    </svg>
  );
}
