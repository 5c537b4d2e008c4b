/** One small sheet for the checkout and return pages: readable on a phone, no external files. */
export const CHECKOUT_STYLE = `
*{box-sizing:border-box}
body{margin:0;padding:16px;background:#f4f4f5;color:#18181b;
  font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
main{max-width:480px;margin:24px auto;background:#fff;border-radius:12px;padding:24px;
  box-shadow:0 1px 3px rgba(0,0,0,.08)}
.banner{max-width:480px;margin:0 auto;padding:8px 12px;border-radius:8px;background:#fef3c7;
  color:#78350f;font-size:14px;font-weight:600;text-align:center}
h1{margin:0 0 4px;font-size:22px;line-height:1.3;overflow-wrap:anywhere}
.kicker{margin:0;color:#71717a;font-size:14px}
dl{margin:20px 0;display:grid;grid-template-columns:auto 1fr;gap:8px 16px;align-items:baseline}
dt{color:#71717a}
dd{margin:0;overflow-wrap:anywhere}
.amount{font-size:20px;font-weight:700}
.status{margin:20px 0 0;padding:12px 14px;border-radius:8px;background:#f4f4f5}
.status.ok{background:#dcfce7;color:#14532d}
.status.bad{background:#fee2e2;color:#7f1d1d}
.actions{display:flex;gap:12px;margin-top:24px;flex-wrap:wrap}
.actions form{flex:1 1 140px;margin:0}
button{width:100%;padding:12px 16px;border-radius:8px;border:1px solid #d4d4d8;
  font:inherit;font-weight:600;cursor:pointer;background:#fff;color:#18181b}
button.pay{background:#4f46e5;border-color:#4f46e5;color:#fff}
`;
