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
  }
};
