window.crmLive = {
  scrollToEnd(element) {
    if (element) element.scrollTop = element.scrollHeight;
  }
};
