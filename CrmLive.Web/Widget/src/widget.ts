import { ChatSession } from './chat';
import { WidgetStorage } from './storage';
import { WidgetView } from './ui';

declare global {
  interface Window { __crmLiveWidget?: boolean; }
}

/** Entry point: <script src="https://crm.example.com/widget.js" data-inbox="KEY" async></script> */
(function boot() {
  if (window.__crmLiveWidget) return;
  const script = (document.currentScript as HTMLScriptElement | null)
    ?? document.querySelector<HTMLScriptElement>('script[src*="widget.js"][data-inbox]');
  if (!script) return;
  const inboxKey = script.getAttribute('data-inbox');
  if (!inboxKey) {
    console.warn('CrmLive widget: the script tag needs a data-inbox attribute.');
    return;
  }
  window.__crmLiveWidget = true;
  const baseUrl = new URL(script.src, window.location.href).origin;
  // Optional signed identity, rendered into the tag by the host site's server: data-user-id + data-user-hash.
  const userId = script.getAttribute('data-user-id');
  const signature = script.getAttribute('data-user-hash');
  const identity = userId && signature ? { userId, signature } : null;

  const mount = () => {
    const host = document.createElement('div');
    host.id = 'crmlive-widget';
    document.body.appendChild(host);
    const view = new WidgetView(host);
    const session = new ChatSession(baseUrl, inboxKey, identity, new WidgetStorage(inboxKey), view);
    void session.start();
  };
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
})();
