/* mkdocs-custflow: keeps journey diagrams readable at any page width.
 *
 * Material draws each diagram into a closed shadow root, where no page script
 * or style can look. This file, added to every page by the plugin, keeps a
 * reference to each root as it is made, reads the diagram's own width, and
 *  - never lets the diagram shrink below MIN_SCALE of that width: its box
 *    scrolls sideways instead (the page itself never does);
 *  - adds a button that shows the diagram full screen at its own size;
 *  - gives sequence boxes their own colours and a decision its own word.
 * It watches the document, so it works with navigation.instant too.
 */
(() => {
  if (window.__custflowDiagrams) return;
  window.__custflowDiagrams = true;
  const MIN_SCALE = 0.84; // 16 px labels stay >= 13 px on screen, 12 px step numbers >= 10 px
  const roots = new WeakMap();
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    roots.set(this, root);
    return root;
  };
  const zh = () => (document.documentElement.lang || "").startsWith("zh");
  const label = (open) =>
    open ? (zh() ? "关闭全屏" : "Close full screen") : (zh() ? "全屏查看" : "Show full screen");

  function toggle(figure, button, open) {
    figure.classList.toggle("custflow-full", open);
    button.setAttribute("aria-expanded", String(open));
    button.setAttribute("aria-label", label(open));
    button.title = label(open);
    button.textContent = open ? "✕" : "⤢";
    document.documentElement.classList.toggle("custflow-noscroll", open);
    if (open) button.focus();
  }

  // Material's theme paints every rect of class "rect" in one colour, over the
  // fill the diagram gave it: a sequence's team boxes would all look alike
  // while the legend shows each team's colour. Each gets its own fill back.
  // Mermaid heads a decision's box with its keyword "alt": it says "decide",
  // the block's own word, in the page's language instead.
  function theme(svg) {
    svg.querySelectorAll("rect.rect[fill]").forEach((rect) =>
      rect.style.setProperty("fill", rect.getAttribute("fill")));
    svg.querySelectorAll("text.labelText").forEach((text) => {
      if (text.textContent.trim() === "alt") text.textContent = zh() ? "判断" : "decide";
    });
  }

  function fit(host) {
    const root = roots.get(host);
    const svg = root && root.querySelector("svg");
    const figure = host.closest(".custflow-diagram");
    if (!svg || !figure || figure.dataset.custflowWidth) return;
    theme(svg);
    const box = svg.viewBox && svg.viewBox.baseVal;
    const width = box && box.width ? box.width : svg.getBoundingClientRect().width;
    if (!width) return;
    figure.dataset.custflowWidth = String(Math.round(width));
    figure.style.setProperty("--custflow-min-width", `${Math.ceil(width * MIN_SCALE)}px`);
    figure.style.setProperty("--custflow-width", `${Math.ceil(width)}px`);
    const button = document.createElement("button");
    button.type = "button";
    button.className = "custflow-full-button";
    toggle(figure, button, false);
    button.addEventListener("click", () =>
      toggle(figure, button, !figure.classList.contains("custflow-full")));
    figure.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && figure.classList.contains("custflow-full")) {
        toggle(figure, button, false);
      }
    });
    figure.insertBefore(button, figure.firstChild);
  }

  function scan(node) {
    if (node.nodeType !== 1) return;
    if (node.matches(".custflow-scroll > .mermaid")) fit(node);
    node.querySelectorAll(".custflow-scroll > .mermaid").forEach(fit);
  }

  new MutationObserver((records) => {
    for (const record of records) record.addedNodes.forEach(scan);
  }).observe(document.documentElement, { childList: true, subtree: true });
  scan(document.documentElement);
})();
