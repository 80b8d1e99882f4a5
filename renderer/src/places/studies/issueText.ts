import type { z } from "zod";
import type { Translate } from "../../i18n/translate";
import type { MessageKey } from "../../i18n/ru";

const RULES: Record<string, MessageKey> = { crossNeedsTwoModels: "form.crossNeedsTwoModels", designTwice: "form.designTwice", seedTwice: "form.seedTwice" };

/**
 * One problem the study schema found, as a short sentence in the window's language (the schema's
 * own messages are English, for the CLI); its English message where no sentence fits.
 */
export function issueText(issue: z.core.$ZodIssue, t: Translate): string {
  switch (issue.code) {
    case "too_small":
      if (issue.origin === "array") return t("form.chooseAtLeast", { n: Number(issue.minimum) });
      if (issue.origin === "string") return t("form.required");
      return t(issue.inclusive ? "form.atLeast" : "form.moreThan", { n: Number(issue.minimum) });
    case "too_big":
      if (issue.origin === "array") return t("form.chooseAtMost", { n: Number(issue.maximum) });
      return t(issue.inclusive ? "form.atMost" : "form.lessThan", { n: Number(issue.maximum) });
    case "invalid_type":
      return t(issue.expected === "int" ? "form.wholeNumber" : "form.number");
    case "custom": {
      const key = RULES[String((issue.params as { rule?: unknown } | undefined)?.rule)];
      return key ? t(key) : issue.message;
    }
    default:
      return issue.message;
  }
}
