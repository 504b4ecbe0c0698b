/**
 * The vendor's form's one stylesheet (inline: the form is a single file). One column at
 * every width from 320 px up, long words broken inside their box, light and dark by the
 * vendor's system setting, and a print style: no buttons, a page per section, questions
 * kept whole, answers and notes printed.
 */
export const FORM_STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1f2933;--muted:#52606d;--border:#d3d9e1;--card:#f7f9fb;--field:#fff;--accent:#2458a6;--accent-fg:#fff;--accent-soft:#e3ecf8;--done:#1d7a46;--done-soft:#e1f3e8;--focus:#2458a6;--error:#b42318}
@media (prefers-color-scheme:dark){:root{--bg:#14181e;--fg:#e5e9ee;--muted:#a6b0bc;--border:#3a4452;--card:#1c222a;--field:#11151a;--accent:#8db8ff;--accent-fg:#0d1a2e;--accent-soft:#22334d;--done:#7fd4a0;--done-soft:#1b3426;--focus:#8db8ff;--error:#ff9b8f}}
*,*::before,*::after{box-sizing:border-box}
html{background:var(--bg);color:var(--fg)}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:880px;margin:0 auto;padding:0 16px;line-height:1.45;overflow-wrap:anywhere;background:var(--bg);color:var(--fg)}
h1,h2,h3,legend,dd,a,label,p{overflow-wrap:anywhere;min-width:0}
a{color:var(--accent)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.vr-skip{position:absolute;left:-9999px;top:0}
.vr-skip:focus{left:16px;top:8px;background:var(--bg);padding:6px 10px;z-index:2}
.vr-head{padding:24px 0 12px;border-bottom:1px solid var(--border);margin-bottom:16px}
.vr-head h1{font-size:clamp(1.3rem,3vw + .7rem,1.6rem);line-height:1.2;margin:0 0 12px}
.vr-meta{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,130px),1fr));gap:8px 20px;margin:0}
.vr-meta div{min-width:0}
.vr-meta dt{font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.vr-meta dd{margin:0;font-weight:600}
.vr-due dd{color:var(--accent)}
.vr-due.vr-none dd{color:var(--muted);font-weight:400}
.vr-package{color:var(--muted);font-size:.8rem;margin:12px 0 0}
.vr-intro{margin:0 0 16px}
.vr-toc{border:1px solid var(--border);border-radius:10px;padding:12px 16px;margin:0 0 20px;background:var(--card)}
.vr-toc h2{font-size:1rem;margin:0 0 6px}
.vr-toc h3{font-size:.9rem;margin:10px 0 4px;color:var(--muted)}
.vr-toc ol{margin:0;padding:0 0 0 1.4em}
.vr-toc li{margin:4px 0}
.vr-toc li>span{display:flex;flex-wrap:wrap;gap:2px 10px;justify-content:space-between}
.vr-toc a{flex:1 1 12em}
.vr-count{font-size:.85rem;color:var(--muted);white-space:nowrap}
.vr-count[data-done]{color:var(--done)}
.vr-questionnaire>h2{font-size:1.25rem;margin:24px 0 12px}
.vr-section{border:1px solid var(--border);border-radius:10px;background:var(--card);padding:4px 16px 8px;margin:0 0 20px;scroll-margin-top:12px}
.vr-section-head{display:flex;flex-wrap:wrap;align-items:baseline;justify-content:space-between;gap:4px 12px;padding:12px 0 8px}
.vr-section-head h3{flex:1 1 14em;font-size:1.1rem;line-height:1.3;margin:0}
.vr-section-head .vr-count{background:var(--accent-soft);color:var(--fg);border-radius:999px;padding:1px 10px}
.vr-section-head .vr-count[data-done]{background:var(--done-soft);color:var(--done)}
fieldset{min-width:0;margin:0;padding:14px 0 14px 12px;border:0;border-top:1px solid var(--border)}
fieldset[data-answered]{box-shadow:inset 3px 0 0 var(--done)}
legend{float:left;width:100%;padding:0;margin:0 0 6px;font-weight:600}
legend+*{clear:left}
.guidance{color:var(--muted);font-size:.92em;margin:0 0 6px}
.vr-options{display:flex;flex-wrap:wrap;gap:4px 16px;margin:4px 0}
.vr-options label{display:inline-flex;align-items:center;gap:6px;padding:4px 0;cursor:pointer}
.vr-status label{color:var(--muted)}
input[type=radio],input[type=checkbox]{width:1.1em;height:1.1em;margin:0;accent-color:var(--accent);flex:none}
textarea,input[type=number],input[type=date],input[type=text]{display:block;width:100%;max-width:100%;margin:6px 0 0;padding:6px 8px;font:inherit;color:var(--fg);background:var(--field);border:1px solid var(--border);border-radius:6px}
.vr-with-unit{display:flex;align-items:baseline;gap:8px}
.vr-with-unit input{flex:1 1 auto;min-width:0}
.unit{color:var(--muted);white-space:nowrap;flex:none}
.note{min-height:3em;resize:vertical}
.bar{position:sticky;bottom:0;background:var(--bg);border-top:1px solid var(--border);padding:10px 0;display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center}
.vr-total{flex:1 1 9em;min-width:0}
.vr-total-text{font-weight:600}
.vr-track{height:8px;border-radius:999px;background:var(--accent-soft);overflow:hidden;margin-top:4px}
.vr-fill{height:100%;width:0;background:var(--accent)}
.vr-track[data-done] .vr-fill{background:var(--done)}
button{font:inherit;padding:8px 16px;border-radius:6px;border:1px solid var(--accent);background:var(--accent);color:var(--accent-fg);cursor:pointer}
.vr-sbom-pick{display:flex;flex-direction:column;gap:6px;margin:4px 0 8px}
.vr-sbom-pick input[type=file]{display:block;width:100%;max-width:100%;font:inherit;color:var(--fg);padding:6px;border:1px dashed var(--border);border-radius:6px;background:var(--field)}
.vr-files{list-style:none;margin:8px 0;padding:0;display:grid;gap:6px}
.vr-files li{display:flex;flex-wrap:wrap;align-items:center;gap:4px 12px;padding:6px 10px;border:1px solid var(--border);border-radius:6px;background:var(--field)}
.vr-file{flex:1 1 12em;min-width:0;display:flex;flex-direction:column}
.vr-file-name{font-weight:600;overflow-wrap:anywhere}
.vr-file-kind{color:var(--muted);font-size:.85rem}
.vr-remove{padding:4px 12px;background:transparent;color:var(--accent)}
.vr-file-error{color:var(--error);margin:6px 0;font-weight:600}
#vr-saved:empty{display:none}
#vr-saved{flex-basis:100%}
@media print{
:root{color-scheme:light;--bg:#fff;--fg:#000;--muted:#444;--border:#999;--card:#fff;--field:#fff;--accent:#000;--accent-soft:#fff;--done:#000;--done-soft:#fff}
@page{margin:16mm 14mm}
body{max-width:none;padding:0;font-size:10.5pt}
.bar,.vr-toc,.vr-skip,.vr-intro,button,.vr-sbom-pick{display:none!important}
.vr-head{padding-top:0}
.vr-section{border:0;border-radius:0;padding:0;margin:0;background:none;break-before:page}
.vr-questionnaire+.vr-questionnaire{break-before:page}
.vr-questionnaire .vr-section:first-of-type{break-before:auto}
.vr-questionnaire:first-child>h2{margin-top:8px}
.vr-section-head,h2,h3,legend{break-after:avoid}
.vr-section-head .vr-count{border:1px solid #999}
fieldset{break-inside:avoid;padding:10px 0;box-shadow:none!important}
textarea{field-sizing:content;min-height:0;resize:none}
.note:placeholder-shown{display:none}
input,textarea{print-color-adjust:exact;-webkit-print-color-adjust:exact}
:focus,:focus-visible{outline:none!important;box-shadow:none}
}
`;
