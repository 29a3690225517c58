package io.warmgate.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The random inputs of one property try (see {@link Trials}): numbers in ranges, booleans, choices, optional values
 * and lists, all drawn from one seeded {@link SplittableRandom}, so the same seed draws the same values. Each draw is
 * remembered for the failure message.
 *
 * <p>A range's ends come up more often than chance (one draw in eight each), because bounds are where off-by-one
 * bugs live. Not thread-safe.
 */
public final class Inputs {

  private static final int ONE_IN = 8;

  private final SplittableRandom random;
  private final List<Object> drawn = new ArrayList<>();

  Inputs(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** An int in {@code [min, max]}, both ends included. */
  public int intBetween(int min, int max) {
    return (int) longBetween(min, max);
  }

  /** A long in {@code [min, max]}, both ends included. */
  public long longBetween(long min, long max) {
    if (min > max) {
      throw new IllegalArgumentException("min " + min + " > max " + max);
    }
    int pick = random.nextInt(ONE_IN);
    long value = pick == 0 ? min : pick == 1 ? max : max == Long.MAX_VALUE ? random.nextLong(min, max) : random.nextLong(min, max + 1);
    return record(value);
  }

  /** true or false, evenly. */
  public boolean bool() {
    return record(random.nextBoolean());
  }

  /** One of {@code choices}, evenly. */
  @SafeVarargs
  public final <T> T oneOf(T... choices) {
    if (choices.length == 0) {
      throw new IllegalArgumentException("no choices");
    }
    return record(choices[random.nextInt(choices.length)]);
  }

  /** One constant of {@code type}, evenly. */
  public <E extends Enum<E>> E oneOf(Class<E> type) {
    return oneOf(type.getEnumConstants());
  }

  /** null with probability {@code nullShare}, otherwise {@code value}'s draw. */
  public <T> T orNull(double nullShare, Supplier<T> value) {
    Objects.requireNonNull(value, "value");
    if (random.nextDouble() < nullShare) {
      record("null");
      return null;
    }
    return value.get();
  }

  /** Empty with probability {@code emptyShare}, otherwise {@code value}'s draw. */
  public <T> Optional<T> optional(double emptyShare, Supplier<T> value) {
    return Optional.ofNullable(orNull(emptyShare, value));
  }

  /** A list of 0 to {@code maxSize} elements, each {@code element}'s draw. */
  public <T> List<T> listOf(int maxSize, Supplier<T> element) {
    int size = intBetween(0, maxSize);
    List<T> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(element.get());
    }
    return list;
  }

  /** What this try drew, in order. */
  public List<Object> drawn() {
    return List.copyOf(drawn);
  }

  private <T> T record(T value) {
    drawn.add(value);
    return value;
  }
}
