package io.warmgate.cli.demo;

/** Wires each story's gate from the core gate and the AWS adapters. */
public final class DemoGates {
  private DemoGates() {}

  /**
   * The factory the demo uses: no gate for story 1; the same gate wiring for stories 2 and 3, which differ
   * only in their hooks (timeout, default result) and in the hook metadata that picks the usual-fix preset.
   */
  public static Demo.GateFactory factory() {
    return (kind, env) -> kind.hook().isEmpty() ? StoryGate.NONE : new CoreStoryGate(kind, env);
  }
}
