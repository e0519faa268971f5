// Questions and notices in the page itself (no window.confirm, whose
// dialogs a page cannot style and a test cannot see in the DOM).

// ask shows a modal dialog with a question and two answers; it resolves
// to true for the first.
export function ask(question: string, yes: string, no: string): Promise<boolean> {
  const d = document.createElement("dialog");
  d.className = "ask";
  d.dataset.ask = "";
  const p = document.createElement("p");
  p.textContent = question;
  const actions = document.createElement("div");
  actions.className = "actions";
  const button = (text: string, answer: string): HTMLButtonElement => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.dataset.answer = answer;
    b.addEventListener("click", () => d.close(answer));
    return b;
  };
  actions.append(button(yes, "yes"), button(no, "no"));
  d.append(p, actions);
  document.body.appendChild(d);
  return new Promise((resolve) => {
    d.addEventListener("close", () => {
      d.remove();
      resolve(d.returnValue === "yes"); // Escape closes with "": no
    });
    d.showModal();
  });
}

// notice shows a message in box until the learner dismisses it; a newer
// notice replaces it. Nothing else on the page writes there.
export function notice(box: HTMLElement, text: string, state: "pass" | "fail"): void {
  const p = document.createElement("p");
  p.textContent = text;
  const dismiss = document.createElement("button");
  dismiss.type = "button";
  dismiss.textContent = "Dismiss";
  dismiss.dataset.action = "dismiss-notice";
  dismiss.addEventListener("click", () => {
    box.replaceChildren();
    box.hidden = true;
  });
  box.dataset.state = state;
  box.hidden = false;
  box.replaceChildren(p, dismiss);
}
