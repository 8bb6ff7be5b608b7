/** Shown without a (valid) access token: how to get in. */
export function NoAccess({ expired }: { expired: boolean }) {
  return (
    <main className="center-page">
      <div className="card narrow">
        <h1>{expired ? 'This page’s access has expired' : 'Open Hush from its address'}</h1>
        <p>
          {expired
            ? 'Hush was restarted, so the address this tab was opened with no longer works.'
            : 'For your safety, the Hush app only answers pages opened with the private address it prints when it starts.'}
        </p>
        <p>
          In the terminal where you ran <code>hush app</code> (or <code>npm start</code>), open the address that ends in{' '}
          <code>#token=…</code>.
        </p>
      </div>
    </main>
  );
}
