import { describe, expect, it } from "vitest";
import { formValues } from "./form-values";

describe("form values", () => {
  it("keeps single fields as strings and repeated ones as lists", () => {
    const form = new FormData();
    form.append("givenName", "Anna");
    form.append("interests", "baking");
    form.append("interests", "cheese");
    expect({ ...formValues(form) }).toEqual({ givenName: "Anna", interests: ["baking", "cheese"] });
  });

  it("drops files and cannot be steered into changing its own prototype", () => {
    const form = new FormData();
    form.append("avatar", new Blob(["x"]), "a.png");
    form.append("__proto__", "a");
    form.append("__proto__", "b");
    const values = formValues(form);
    expect(values.avatar).toBeUndefined();
    expect(values.__proto__).toEqual(["a", "b"]);
    expect(Object.getPrototypeOf(values)).toBeNull();
  });
});
