package io.warmgate.emulator.internal.http;

import io.warmgate.emulator.internal.engine.ApiException;
import io.warmgate.emulator.internal.engine.Check;
import io.warmgate.emulator.internal.iam.Wildcards;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** EC2's request filters ({@code Filter.N.Name}, {@code Filter.N.Value.M}, with * and ? wildcards) and paging. */
final class Ec2Filters {
  /** The most filter values one call may give, as EC2 allows. */
  static final int MAX_VALUES = 200;

  private Ec2Filters() {
  }

  static List<String> optional(String v) {
    return v == null ? List.of() : List.of(v);
  }

  static List<String> unknown(String name) {
    throw new ApiException(400, "InvalidParameterValue", "The filter '" + Check.echo(name) + "' is invalid");
  }

  /** One request filter: a name and the values (with wildcards) any of which must match. */
  record Filter(String name, List<String> values) { }

  /**
   * Reads the request's filters, at most {@value #MAX_VALUES} values in all, as EC2 allows.
   * Reading them once per request also keeps each item's match cheap.
   */
  static List<Filter> of(Params p) {
    List<Filter> filters = new ArrayList<>();
    int values = 0;
    for (Params f : p.structs("Filter")) {
      String name = f.get("Name");
      if (name == null) {
        throw new ApiException(400, "InvalidParameterValue", "The filter 'null' is invalid");
      }
      List<String> wanted = f.list("Value");
      values += wanted.size();
      if (values > MAX_VALUES) {
        throw new ApiException(400, "FilterLimitExceeded",
            "The maximum number of filter values specified on a single call is " + MAX_VALUES);
      }
      filters.add(new Filter(name, wanted));
    }
    return filters;
  }

  /** Returns whether every filter has a value that matches one of the item's values for its name. */
  static boolean match(List<Filter> filters, Function<String, List<String>> values) {
    for (Filter f : filters) {
      List<String> actual = values.apply(f.name());
      boolean ok = false;
      for (String w : f.values()) {
        if (actual.stream().anyMatch(a -> Wildcards.matches(w, a))) {
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
