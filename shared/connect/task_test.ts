import assert from "node:assert/strict";
import type { Task, TaskClass } from "./task.ts";

Deno.test("a TaskClass is constructible without arguments and may declare its className", () => {
  class MyTask implements Task {
    static readonly className = "com.example.MyTask";
    version() {
      return "1.0";
    }
    start() {}
    stop() {}
  }
  const cls: TaskClass<Task> = MyTask;
  assert.equal(new cls().version(), "1.0");
  assert.equal(cls.className, "com.example.MyTask");
});
