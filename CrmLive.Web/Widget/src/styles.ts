/** All styles live in the shadow root: `all: initial` keeps the host page's CSS out and ours in. */
export const styles = `
:host { all: initial; }
* { box-sizing: border-box; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.launcher { position: fixed; right: 20px; bottom: 20px; width: 56px; height: 56px; border-radius: 50%; border: 0;
  background: var(--crm-accent, #4F46E5); color: #fff; cursor: pointer; box-shadow: 0 8px 24px rgba(15, 23, 42, .25);
  display: flex; align-items: center; justify-content: center; z-index: 2147483000; transition: transform .15s ease; padding: 0; }
.launcher:hover { transform: scale(1.05); }
.launcher svg { width: 26px; height: 26px; fill: currentColor; }
.badge { position: absolute; top: -2px; right: -2px; min-width: 18px; height: 18px; border-radius: 9px; background: #DC2626;
  color: #fff; font-size: 11px; font-weight: 700; display: none; align-items: center; justify-content: center; padding: 0 5px; }
.badge.show { display: flex; }
.panel { position: fixed; right: 20px; bottom: 88px; width: 360px; height: 520px; max-height: calc(100vh - 110px);
  background: #fff; color: #1E293B; border-radius: 16px; box-shadow: 0 16px 48px rgba(15, 23, 42, .22);
  display: none; flex-direction: column; overflow: hidden; z-index: 2147483000; border: 1px solid #E2E8F0; }
.panel.open { display: flex; }
.header { background: var(--crm-accent, #4F46E5); color: #fff; padding: 14px 16px; display: flex; align-items: center; gap: 10px; }
.header .titles { flex: 1; min-width: 0; }
.header .title { font-weight: 700; font-size: 15px; }
.header .status { font-size: 12px; opacity: .85; margin-top: 2px; }
.close { background: transparent; border: 0; color: #fff; cursor: pointer; font-size: 22px; line-height: 1; padding: 4px 6px; border-radius: 6px; }
.close:hover { background: rgba(255, 255, 255, .15); }
.messages { flex: 1; overflow-y: auto; padding: 14px 12px; display: flex; flex-direction: column; gap: 6px; background: #F8FAFC; }
.empty { margin: auto; text-align: center; color: #64748B; font-size: 13px; padding: 0 24px; }
.msg { max-width: 80%; display: flex; flex-direction: column; }
.msg .who { font-size: 11px; color: #64748B; margin: 0 4px 2px; }
.msg .bubble { padding: 8px 12px; border-radius: 14px; font-size: 14px; line-height: 1.4; white-space: pre-wrap; word-wrap: break-word; overflow-wrap: anywhere; }
.bubble.rich { white-space: normal; }
.rich p { margin: 0 0 6px; } .rich p:last-child { margin-bottom: 0; }
.rich a { color: inherit; text-decoration: underline; }
.rich ul, .rich ol { margin: 4px 0; padding-left: 18px; }
.rich img { max-width: 100%; height: auto; }
.rich code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; background: rgba(0,0,0,.06); padding: 1px 4px; border-radius: 4px; }
.msg.mine { align-self: flex-end; align-items: flex-end; }
.msg.mine .bubble { background: var(--crm-accent, #4F46E5); color: #fff; border-bottom-right-radius: 4px; }
.msg.theirs { align-self: flex-start; }
.msg.theirs .bubble { background: #E2E8F0; color: #1E293B; border-bottom-left-radius: 4px; }
.msg.system { align-self: center; }
.msg.system .bubble { background: transparent; color: #64748B; font-size: 12px; }
.msg.pending { opacity: .55; }
.rating { align-self: stretch; background: #fff; border: 1px solid #E2E8F0; border-radius: 12px; padding: 12px; margin-top: 6px; display: flex; flex-direction: column; gap: 8px; }
.rate-title { font-weight: 600; font-size: 14px; color: #1E293B; text-align: center; }
.rate-stars { display: flex; justify-content: center; gap: 4px; }
.star { background: none; border: 0; font-size: 26px; line-height: 1; color: #CBD5E1; cursor: pointer; padding: 2px; }
.star.on, .star:hover { color: #F59E0B; }
.rate-comment { resize: none; border: 1px solid #CBD5E1; border-radius: 8px; padding: 8px; font-size: 13px; color: #1E293B; }
.receipt { align-self: flex-end; font-size: 11px; color: #94A3B8; margin: -2px 4px 2px; }
.prechat .field { border: 1px solid #CBD5E1; border-radius: 8px; padding: 8px 10px; font-size: 13px; color: #1E293B; background: #fff; }
.prechat .actions { display: flex; justify-content: flex-end; gap: 8px; align-items: center; }
.link { background: none; border: 0; color: #64748B; cursor: pointer; font-size: 13px; padding: 6px; }
.typing { align-self: flex-start; font-size: 12px; color: #64748B; font-style: italic; margin: 2px 4px; }
.notice { align-self: center; font-size: 12px; color: #475569; background: #EEF2FF; border-radius: 10px; padding: 6px 10px; margin: 4px 0; }
.composer { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #E2E8F0; background: #fff; align-items: flex-end; }
.composer textarea { flex: 1; resize: none; border: 1px solid #CBD5E1; border-radius: 10px; padding: 9px 11px; font-size: 14px;
  max-height: 96px; min-height: 40px; color: #1E293B; background: #fff; outline: none; line-height: 1.35; }
.composer textarea:focus { border-color: var(--crm-accent, #4F46E5); box-shadow: 0 0 0 3px rgba(79, 70, 229, .15); }
.send { border: 0; border-radius: 10px; background: var(--crm-accent, #4F46E5); color: #fff; height: 40px; min-width: 40px;
  padding: 0 14px; cursor: pointer; font-weight: 600; font-size: 14px; }
.send:disabled { opacity: .5; cursor: default; }
.attach { background: none; border: 0; color: #64748B; cursor: pointer; height: 40px; width: 32px; padding: 0;
  display: flex; align-items: center; justify-content: center; border-radius: 8px; }
.attach:hover { color: var(--crm-accent, #4F46E5); background: #F1F5F9; }
.attach[hidden], .hidden { display: none; }
.file { display: flex; flex-direction: column; gap: 2px; color: inherit; text-decoration: none; }
.file.image img { display: block; max-width: 220px; max-height: 220px; border-radius: 8px; }
.file-name { text-decoration: underline; overflow-wrap: anywhere; display: inline-flex; align-items: center; gap: 4px; }
.file-name svg { flex: none; }
.file-size { font-size: 11px; opacity: .75; }
.msg .bubble:has(.file.image) { padding: 4px; background: transparent; }
.away .away-text { font-size: 13px; color: #334155; line-height: 1.4; }
.away .actions input { flex: 1; min-width: 0; }
.error { color: #B91C1C; font-size: 12px; padding: 0 12px 8px; background: #fff; display: none; }
.error.show { display: block; }
.error.info { color: #475569; }
.locked { font-size: 12px; color: #475569; background: #EEF2FF; padding: 8px 12px; text-align: center; }
.locked[hidden] { display: none; }
.launcher.left { right: auto; left: 20px; }
.panel.left { right: auto; left: 20px; }
.composer textarea:disabled, .send:disabled, .attach:disabled { opacity: .5; cursor: not-allowed; }
.proactive { position: fixed; right: 20px; bottom: 88px; width: calc(100vw - 40px); max-width: 320px; background: #fff;
  color: #1E293B; border: 1px solid #E2E8F0; border-radius: 12px; padding: 12px 14px;
  box-shadow: 0 12px 32px rgba(15, 23, 42, .16), 0 2px 6px rgba(15, 23, 42, .08); z-index: 2147483000; cursor: pointer;
  animation: crm-rise .24s ease-out; }
.proactive.left { right: auto; left: 20px; }
.proactive-from { font-size: 12px; font-weight: 600; color: #64748B; margin: 2px 28px 4px 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.proactive-body { position: relative; max-height: 5.8em; overflow: hidden; font-size: 14px; line-height: 1.45; overflow-wrap: anywhere; }
.proactive-body.clamped::after { content: ""; position: absolute; left: 0; right: 0; bottom: 0; height: 1.45em;
  background: linear-gradient(rgba(255, 255, 255, 0), #fff); pointer-events: none; }
.proactive-actions { display: flex; justify-content: flex-end; margin-top: 10px; }
.proactive .send { height: 34px; font-size: 13px; }
.proactive-close { position: absolute; top: 6px; right: 6px; width: 28px; height: 28px; border: 0; border-radius: 6px; padding: 0;
  background: transparent; color: #64748B; cursor: pointer; display: flex; align-items: center; justify-content: center; }
.proactive-close:hover { background: #F1F5F9; color: #1E293B; }
@keyframes crm-rise { from { opacity: 0; transform: translateY(8px); } to { opacity: 1; transform: none; } }
@media (prefers-reduced-motion: reduce) { .proactive { animation: none; } }
@media (max-width: 400px) {
  .proactive, .proactive.left { left: 12px; right: 12px; width: auto; max-width: none; }
}
@media (max-width: 480px) {
  .panel, .panel.left { left: 0; right: 0; bottom: 0; width: 100vw; height: 100vh; max-height: none; border-radius: 0; }
  .launcher.hidden-mobile { display: none; }
}
`;
