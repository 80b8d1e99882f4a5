import { describe, expect, test } from "vitest";
import { defaultForm, formToSpec, validateForm, type StudyFormState } from "../../renderer/src/places/studies/studyForm";
import { StudySpecSchema } from "../../electron/shared/domain/study";
import { translator } from "../../renderer/src/i18n/translate";

const en = translator("en");
const ru = translator("ru");
const form = (change: Partial<StudyFormState>): StudyFormState => ({ ...defaultForm(["tiny"]), name: "s", ...change });

describe("the study form's validation, by the study schema, in the window's language", () => {
  test("the defaults are valid", () => {
    expect(validateForm(form({}), en)).toEqual({});
  });

  test("each problem is a sentence on its own field", () => {
    expect(validateForm(form({ generations: 50 }), en)).toEqual({ generations: "At most 20." });
    expect(validateForm(form({ generations: 50 }), ru)).toEqual({ generations: "Не больше 20." });
    expect(validateForm(form({ generations: NaN }), en)).toEqual({ generations: "Enter a number." });
    expect(validateForm(form({ rank: 2.5 }), en)).toEqual({ rank: "Enter a whole number." });
    expect(validateForm(form({ learningRate: 0 }), ru)).toEqual({ learningRate: "Должно быть больше 0." });
    expect(validateForm(form({ name: " " }), ru)).toEqual({ name: "Обязательное поле." });
    expect(validateForm(form({ models: [] }), en)).toEqual({ models: "Choose at least 1." });
    expect(validateForm(form({ seeds: "1, x" }), en)).toEqual({ seeds: "Whole numbers separated by commas, e.g. 1, 2, 3." });
  });

  test("a chat-template prompt needs every chosen model's GGUF to carry a template", () => {
    const chat = form({ models: ["tiny", "instruct"], promptFormat: "chat-template" });
    expect(validateForm(chat, en, new Set(["instruct"]))).toEqual({
      promptFormat: "No chat template in the model file of tiny: choose plain text or a chat model.",
    });
    expect(validateForm(chat, ru, new Set(["instruct"]))).toEqual({
      promptFormat: "В файле модели tiny нет шаблона чата: выберите простой текст или чат-модель.",
    });
    expect(validateForm(chat, en, new Set(["tiny", "instruct"]))).toEqual({});
    expect(validateForm({ ...chat, promptFormat: "plain" }, en, new Set())).toEqual({});
  });

  test("packing the training pairs is off unless ticked, and reaches the study's train settings", () => {
    expect(StudySpecSchema.parse(formToSpec(form({}))).train.packPairs).toBe(false);
    expect(StudySpecSchema.parse(formToSpec(form({ packPairs: true }))).train.packPairs).toBe(true);
  });

  test("the schema's cross-field rules too", () => {
    expect(validateForm(form({ designs: ["cross"] }), ru)).toEqual({
      designs: "Перекрёстной схеме нужны ровно две модели: отметьте вторую модель или снимите «перекрёстная».",
    });
    expect(validateForm(form({ seeds: "1, 1" }), en)).toEqual({ seeds: "A seed is listed twice: give each seed once." });
  });
});
