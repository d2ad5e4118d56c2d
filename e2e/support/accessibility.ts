import { AxeBuilder } from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * Runs axe on what the page shows now (an open dialog or menu included: while a dialog is open,
 * Radix hides the rest from assistive technology) and fails the test on every serious or critical
 * finding, naming the rule and the elements. The check is soft, so the test goes on and one run
 * reports every page and dialog it reaches. WCAG 2.5.3 "label in name" is an experimental axe
 * rule, so it is switched on by name.
 */
export async function expectNoSeriousA11yViolations(page: Page, where: string) {
  // Toasts and buttons fade: measure colour contrast once they have settled, not halfway.
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== "running" || a.effect?.getTiming().iterations === Infinity),
  );
  const { violations } = await new AxeBuilder({ page })
    .options({ rules: { "label-content-name-mismatch": { enabled: true } } })
    .analyze();
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect.soft(serious, `serious or critical axe findings on ${where}`).toEqual([]);
}
