package io.warmgate.emulator.internal.http;

import io.warmgate.emulator.internal.engine.ApiException;
import io.warmgate.emulator.internal.engine.ConsoleLog;
import io.warmgate.emulator.internal.engine.Engine;
import io.warmgate.emulator.internal.engine.SimInstance;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Answers {@code GetConsoleOutput} ("GetConsoleOutput", EC2 API Reference): {@code instanceId}, {@code
 * timestamp} (when the output seen was last updated) and {@code output} (base64), the last two left out
 * while nothing has been posted. {@code Latest=true} returns the newest output and works only on instance
 * types that run on the Nitro hypervisor; on the older Xen families it is refused with {@code
 * UnsupportedOperation} (EC2 does not document the refusal's code; this one is inferred).
 */
final class Ec2ConsoleApi {

  /** Instance families that run on Xen, not Nitro (EC2's "Instances built on the Nitro System" lists the others). */
  private static final Set<String> XEN_FAMILIES = Set.of("t1", "t2", "m1", "m2", "m3", "m4", "c1", "c3", "c4", "r3", "r4",
      "i2", "i3", "d2", "x1", "x1e", "p2", "p3", "g3", "f1", "h1");

  private final Engine engine;

  Ec2ConsoleApi(Engine engine) {
    this.engine = engine;
  }

  void getConsoleOutput(Params p, Xml x) {
    String id = p.required("InstanceId");
    boolean latest = p.bool("Latest", false);
    SimInstance i = engine.ec2().visibleInstances(List.of(id)).get(0);
    if (latest && !nitro(i.instanceType)) {
      throw new ApiException(400, "UnsupportedOperation",
          "The Latest parameter is not supported for instance type " + i.instanceType + ": it requires the Nitro hypervisor.");
    }
    Optional<ConsoleLog.View> view = i.console().view(engine.clock.now(), latest);
    x.leaf("instanceId", i.id);
    view.ifPresent(v -> x.leaf("timestamp", v.timestamp()).leaf("output", Base64.getEncoder().encodeToString(v.text())));
  }

  static boolean nitro(String instanceType) {
    int dot = instanceType.indexOf('.');
    String family = (dot < 0 ? instanceType : instanceType.substring(0, dot)).toLowerCase(Locale.ROOT);
    return !XEN_FAMILIES.contains(family);
  }
}
