window.crmLive = {
  scrollToEnd(element) {
    if (element) element.scrollTop = element.scrollHeight;
  },
  // The person's light/dark choice outlives the circuit; null means "follow the system".
  getDarkMode() {
    try { const v = localStorage.getItem('crmlive:dark'); return v === null ? null : v === 'true'; } catch { return null; }
  },
  setDarkMode(value) {
    try { localStorage.setItem('crmlive:dark', String(value)); } catch { }
  },

  // Composer: plain Enter sends (Shift+Enter is a new line) and the saved-reply picker owns the arrow keys, so the
  // browser must not act on those keys before Blazor sees them.
  wireComposer(wrapper) {
    const area = wrapper && wrapper.querySelector('textarea, input');
    if (!area || area.dataset.crmWired) return;
    area.dataset.crmWired = '1';
    area.addEventListener('keydown', (e) => {
      const picking = wrapper.dataset.picker === 'true';
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) e.preventDefault();
      else if (picking && (e.key === 'ArrowUp' || e.key === 'ArrowDown' || e.key === 'Tab')) e.preventDefault();
    });
  },

  // Single-key shortcuts for the inbox, ignored while typing in a field (Escape leaves the field).
  registerShortcuts(dotnet) {
    crmLive.unregisterShortcuts();
    const handler = (e) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target;
      const typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      if (typing) {
        if (e.key === 'Escape') t.blur();
        return;
      }
      if (document.querySelector('.mud-dialog-container')) return; // a dialog has the keyboard
      const keys = ['j', 'k', 'r', 'n', 'a', 'e', 's', 't', 'l', '/', '?', 'o'];
      if (!keys.includes(e.key)) return;
      e.preventDefault();
      dotnet.invokeMethodAsync('OnShortcut', e.key);
    };
    document.addEventListener('keydown', handler);
    crmLive._shortcuts = handler;
  },
  unregisterShortcuts() {
    if (crmLive._shortcuts) document.removeEventListener('keydown', crmLive._shortcuts);
    crmLive._shortcuts = null;
  },
  focus(selector) {
    const el = document.querySelector(selector);
    if (el) el.focus();
  },

  // Notifications: asked for only when the agent clicks "Enable", shown only while the tab is in the background.
  notificationState() {
    return 'Notification' in window ? Notification.permission : 'unsupported';
  },
  async requestNotifications() {
    if (!('Notification' in window)) return 'unsupported';
    return await Notification.requestPermission();
  },
  notify(title, body, tag, url) {
    crmLive.chime();
    if (!('Notification' in window) || Notification.permission !== 'granted' || !document.hidden) return;
    const n = new Notification(title, { body, tag, renotify: true, icon: 'favicon.svg' });
    n.onclick = () => { window.focus(); if (url) location.assign(url); n.close(); };
  },
  soundEnabled() {
    try { return localStorage.getItem('crmlive:sound') !== 'off'; } catch { return true; }
  },
  setSound(on) {
    try { localStorage.setItem('crmlive:sound', on ? 'on' : 'off'); } catch { }
  },
  // A soft two-note chime, synthesized so there is no audio file to load.
  chime() {
    if (!crmLive.soundEnabled()) return;
    try {
      const ctx = crmLive._audio || (crmLive._audio = new AudioContext());
      if (ctx.state === 'suspended') ctx.resume();
      [[880, 0], [1320, 0.12]].forEach(([freq, at]) => {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.frequency.value = freq;
        gain.gain.setValueAtTime(0.0001, ctx.currentTime + at);
        gain.gain.exponentialRampToValueAtTime(0.08, ctx.currentTime + at + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + at + 0.25);
        osc.connect(gain).connect(ctx.destination);
        osc.start(ctx.currentTime + at);
        osc.stop(ctx.currentTime + at + 0.3);
      });
    } catch { }
  }
};
crmLive.timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

// Downloads an export while counting its rows, so the page can show progress and stop it; the file is saved once whole.
crmLive.exports = {};
crmLive.download = async (id, url, dotnet) => {
  const controller = new AbortController();
  crmLive.exports[id] = controller;
  try {
    const response = await fetch(url, { signal: controller.signal, credentials: 'same-origin' });
    if (!response.ok) { await dotnet.invokeMethodAsync('Failed', `The export was refused (${response.status}).`); return; }
    const name = (/filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') || '') || [])[1] || 'export.csv';
    const reader = response.body.getReader();
    const parts = [];
    let rows = -1, last = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      for (let i = 0; i < value.length; i++) if (value[i] === 10) rows++;
      if (Date.now() - last > 250) { last = Date.now(); await dotnet.invokeMethodAsync('Progress', rows); }
    }
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob(parts, { type: 'text/csv' }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
    await dotnet.invokeMethodAsync('Finished', rows);
  } catch (e) {
    if (e.name !== 'AbortError') await dotnet.invokeMethodAsync('Failed', 'The export was interrupted; try again.');
  } finally {
    delete crmLive.exports[id];
  }
};
crmLive.cancelDownload = (id) => crmLive.exports[id]?.abort();
