package io.warmgate.cdk;

import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import software.amazon.awscdk.Token;

/**
 * One setting of {@link WarmGateProps}, written once: its name, its default (fixed, derived from the
 * other settings, or none) and its check. The props keep only the values set explicitly, so a copy
 * ({@link WarmGateProps#toBuilder()}) keeps what was set and derives the rest again.
 *
 * @param <T> the setting's type
 */
final class Setting<T> {

  private final String name;
  private final boolean required;
  private final Function<WarmGateProps, T> fallback;
  private final BiConsumer<T, WarmGateProps> check;

  private Setting(String name, boolean required, Function<WarmGateProps, T> fallback, BiConsumer<T, WarmGateProps> check) {
    this.name = name;
    this.required = required;
    this.fallback = fallback;
    this.check = check;
  }

  /** A setting without a default that must be set. */
  static <T> Setting<T> required(String name) {
    return new Setting<>(name, true, props -> null, (value, props) -> { });
  }

  /** A setting that may stay unset. */
  static <T> Setting<T> optional(String name) {
    return new Setting<>(name, false, props -> null, (value, props) -> { });
  }

  /** A setting with a fixed default; it cannot be set to null. */
  static <T> Setting<T> withDefault(String name, T value) {
    Objects.requireNonNull(value, name);
    return new Setting<>(name, true, props -> value, (v, props) -> { });
  }

  /** A setting whose default is derived from the other settings; null brings the derived value back. */
  static <T> Setting<T> derived(String name, Function<WarmGateProps, T> from) {
    return new Setting<>(name, false, from, (value, props) -> { });
  }

  /** This setting, whose value (when there is one) must pass {@code valid}, else IllegalArgumentException with {@code message}. */
  Setting<T> accepting(Predicate<T> valid, Function<T, String> message) {
    return checkedBy((value, props) -> {
      if (!valid.test(value)) {
        throw new IllegalArgumentException(message.apply(value));
      }
    });
  }

  /** This setting, whose value (when there is one) {@code extra} also checks against the other settings. */
  Setting<T> checkedBy(BiConsumer<T, WarmGateProps> extra) {
    BiConsumer<T, WarmGateProps> first = check;
    return new Setting<>(name, required, fallback, (value, props) -> {
      first.accept(value, props);
      extra.accept(value, props);
    });
  }

  /** The setting's name, as its builder method spells it. */
  String name() {
    return name;
  }

  /** Whether null may be set: an optional setting's "unset", a derived one's "derive it". */
  boolean nullable() {
    return !required;
  }

  /** The value in {@code props}: the one set explicitly, else the default (null if there is none). */
  @SuppressWarnings("unchecked")
  T valueIn(Map<Setting<?>, Object> explicit, WarmGateProps props) {
    Object value = explicit.get(this);
    return value != null ? (T) value : fallback.apply(props);
  }

  /**
   * Checks the value in {@code props}.
   *
   * @throws NullPointerException naming a required setting that has no value
   * @throws IllegalArgumentException if the value is out of range
   * @throws IllegalStateException if it clashes with another setting
   */
  void check(Map<Setting<?>, Object> explicit, WarmGateProps props) {
    T value = valueIn(explicit, props);
    if (value == null) {
      if (required) {
        throw new NullPointerException(name);
      }
      return;
    }
    // A CloudFormation token (a template parameter) has no value before deployment; its parameter's own
    // constraints check it then.
    if ((value instanceof String || value instanceof Number) && Token.isUnresolved(value)) {
      return;
    }
    check.accept(value, props);
  }

  @Override
  public String toString() {
    return name;
  }
}
