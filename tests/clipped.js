// The visible elements whose text overflows its box, as 'what: text (scrollWidth>clientWidth)' strings;
// chart titles wider than their chart. Run by tests/test_browser.py at a projector's, a screen's and a phone's size.
() => {
  const out = [];
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  const sidebarShown = sidebar && sidebar.getBoundingClientRect().right > 50;
  const visible = el => el.offsetParent !== null && el.clientWidth > 0;
  const sel = 'h1,h2,h3,h4,h5,h6,button,button *,[data-testid="stPageLink"] a,[data-testid="stPageLink"] a *,.katex-display,[data-testid="stMarkdownContainer"],[data-testid="stCaptionContainer"],[data-testid="stAlert"],[data-testid="stWidgetLabel"] *';
  for (const el of document.querySelectorAll(sel)) {
    if (!visible(el)) continue;
    if (!sidebarShown && el.closest('[data-testid="stSidebar"]')) continue;
    if (el.closest('[data-testid="stSlider"] [data-testid="stSliderTickBar"]')) continue;
    const over = el.scrollWidth > el.clientWidth + 3;  // KaTeX's struts overhang their box by 2 px, unseen
    if (over && (getComputedStyle(el).overflowX !== 'visible' || el.matches('[data-testid="stMarkdownContainer"],.katex-display')))
      out.push((el.getAttribute('data-testid') || el.tagName) + ': ' + (el.textContent || '').slice(0, 50) + ` (${el.scrollWidth}>${el.clientWidth})`);
  }
  for (const t of document.querySelectorAll('.js-plotly-plot .gtitle')) {
    const svg = t.ownerSVGElement, r = t.getBoundingClientRect(), s = svg.getBoundingClientRect();
    if (r.left < s.left - 1 || r.right > s.right + 1) out.push('chart title: ' + t.textContent);
  }
  return out;
}
