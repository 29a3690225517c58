package io.warmgate.emulator.internal.http;

import io.warmgate.emulator.internal.engine.ApiException;
import io.warmgate.emulator.internal.engine.Check;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/** EC2's request filters ({@code Filter.N.Name}, {@code Filter.N.Value.M}, with * and ? wildcards) and paging. */
final class Ec2Filters {
  private Ec2Filters() {
  }

  static List<String> optional(String v) {
    return v == null ? List.of() : List.of(v);
  }

  static List<String> unknown(String name) {
    throw new ApiException(400, "InvalidParameterValue", "The filter '" + Check.echo(name) + "' is invalid");
  }

  /** Returns whether every filter has a value that matches one of the item's values for its name. */
  static boolean match(List<Params> filters, Function<String, List<String>> values) {
    for (Params f : filters) {
      String name = f.get("Name");
      if (name == null) {
        throw new ApiException(400, "InvalidParameterValue", "The filter 'null' is invalid");
      }
      List<String> actual = values.apply(name);
      boolean ok = false;
      for (String w : f.list("Value")) {
        Pattern pattern = wildcard(w);
        if (actual.stream().anyMatch(a -> pattern.matcher(a).matches())) {
          ok = true;
          break;
        }
      }
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static Pattern wildcard(String value) {
    StringBuilder re = new StringBuilder();
    for (char c : value.toCharArray()) {
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  /** Writes one page of an item set, from the request's NextToken, at most MaxResults long. */
  static <T> void page(Params p, Xml x, List<T> items, String setName, Consumer<T> writer) {
    Integer maxParam = p.integer("MaxResults");
    int max = maxParam == null ? Integer.MAX_VALUE : Math.max(1, maxParam);
    int from = p.offset("NextToken");
    int to = (int) Math.min(items.size(), (long) from + max);
    x.start(setName);
    for (int k = Math.min(from, items.size()); k < to; k++) {
      writer.accept(items.get(k));
    }
    x.end();
    if (to < items.size()) {
      x.leaf("nextToken", Params.token(to));
    }
  }
}
