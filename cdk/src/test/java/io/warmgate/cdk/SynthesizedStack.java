package io.warmgate.cdk;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * Synthesizes an app once and keeps what the tests read from it: the template, the error and
 * warning annotations (cdk-nag's findings among them), and how long synthesis took.
 */
public final class SynthesizedStack {

  private final Template template;
  private final Map<String, Object> templateJson;
  private final List<String> errors;
  private final List<String> warnings;
  private final long synthMillis;

  private SynthesizedStack(Map<String, Object> templateJson, List<String> errors, List<String> warnings, long synthMillis) {
    this.templateJson = templateJson;
    this.template = Template.fromJSON(templateJson);
    this.errors = errors;
    this.warnings = warnings;
    this.synthMillis = synthMillis;
  }

  /**
   * Builds the app, synthesizes it and reads the stack {@code stackName} from its cloud assembly.
   * The time measured covers both, plus the jsii runtime's start when this is the first use.
   */
  public static SynthesizedStack synth(Supplier<App> app, String stackName) {
    long start = System.nanoTime();
    CloudAssembly assembly = app.get().synth();
    return read(assembly, stackName, (System.nanoTime() - start) / 1_000_000);
  }

  /** Reads the stack {@code stackName} from an assembly already synthesized in {@code synthMillis}. */
  @SuppressWarnings({"unchecked", "deprecation"})
  public static SynthesizedStack read(CloudAssembly assembly, String stackName, long synthMillis) {
    CloudFormationStackArtifact stack = assembly.getStackByName(stackName);
    List<SynthesisMessage> messages = stack.getMessages();
    return new SynthesizedStack(
        (Map<String, Object>) stack.getTemplate(),
        render(messages, "ERROR"),
        render(messages, "WARNING"),
        synthMillis);
  }

  /** The Allow statements' actions of every IAM role and policy in the template. */
  @SuppressWarnings("unchecked")
  public List<String> allowedActions() {
    List<String> actions = new java.util.ArrayList<>();
    Map<String, Object> resources = (Map<String, Object>) templateJson.get("Resources");
    for (Object value : resources.values()) {
      Map<String, Object> resource = (Map<String, Object>) value;
      Map<String, Object> properties = (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
      List<Object> documents = new java.util.ArrayList<>();
      if ("AWS::IAM::Policy".equals(resource.get("Type"))) {
        documents.add(properties.get("PolicyDocument"));
      } else if ("AWS::IAM::Role".equals(resource.get("Type"))) {
        for (Object policy : (List<Object>) properties.getOrDefault("Policies", List.of())) {
          documents.add(((Map<String, Object>) policy).get("PolicyDocument"));
        }
      }
      for (Object document : documents) {
        for (Object statement : (List<Object>) ((Map<String, Object>) document).get("Statement")) {
          Map<String, Object> st = (Map<String, Object>) statement;
          if ("Allow".equals(st.get("Effect"))) {
            Object action = st.get("Action");
            if (action instanceof List<?> list) {
              list.forEach(a -> actions.add(a.toString()));
            } else {
              actions.add(action.toString());
            }
          }
        }
      }
    }
    return actions;
  }

  @SuppressWarnings("deprecation")
  private static List<String> render(List<SynthesisMessage> messages, String level) {
    return messages.stream()
        // Compared by name: the ERROR constant itself carries a jsii deprecation flag.
        .filter(m -> m.getLevel().name().equals(level))
        .map(m -> m.getId() + ": " + m.getEntry().getData())
        .toList();
  }

  /** The stack's template, for assertions. */
  public Template template() {
    return template;
  }

  /** The error annotations, cdk-nag's unsuppressed errors included. */
  public List<String> errors() {
    return errors;
  }

  /** The warning annotations. */
  public List<String> warnings() {
    return warnings;
  }

  /** How long {@code app.synth()} took. */
  public long synthMillis() {
    return synthMillis;
  }

  /** The number of resources of each type, sorted by type. */
  @SuppressWarnings("unchecked")
  public Map<String, Long> resourceCounts() {
    Map<String, Object> resources = (Map<String, Object>) templateJson.get("Resources");
    return resources.values().stream()
        .map(r -> (String) ((Map<String, Object>) r).get("Type"))
        .collect(Collectors.groupingBy(t -> t, TreeMap::new, Collectors.counting()));
  }

  /** Prints the synth time and resource counts; a figure for the notes, not an assertion. */
  public void report(String app) {
    Map<String, Long> counts = resourceCounts();
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    System.out.printf("[cdk] %s: build+synth %d ms, %d resources %s%n", app, synthMillis, total, counts);
  }
}
