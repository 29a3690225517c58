package io.warmgate.emulator.internal.instance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressBlockTest {

  @Test
  void aClaimedBlockIsSkippedByTheNextClaimUntilItIsReleased() {
    try (AddressBlock first = AddressBlock.claimFrom(200)) {
      assertThat(first.claimed()).isTrue();
      assertThat(first.secondOctet()).isBetween(AddressBlock.FIRST_PICKED, AddressBlock.LAST_PICKED);
      try (AddressBlock second = AddressBlock.claimFrom(first.secondOctet())) {
        assertThat(second.secondOctet()).isNotEqualTo(first.secondOctet());
      }
      int held = first.secondOctet();
      first.close();
      try (AddressBlock again = AddressBlock.claimFrom(held)) {
        assertThat(again.secondOctet()).isEqualTo(held);
      }
    }
  }

  @Test
  void claimsStayInThePickedRangeAndWrapAroundIt() {
    try (AddressBlock wrapped = AddressBlock.claimFrom(AddressBlock.LAST_PICKED + 1)) {
      assertThat(wrapped.secondOctet()).isBetween(AddressBlock.FIRST_PICKED, AddressBlock.LAST_PICKED);
    }
    try (AddressBlock low = AddressBlock.claimFrom(3)) {
      assertThat(low.secondOctet()).isBetween(AddressBlock.FIRST_PICKED, AddressBlock.LAST_PICKED);
    }
  }

  @Test
  void aBlockGivenByTheCallerIsNotClaimed() {
    try (AddressBlock given = AddressBlock.given(7)) {
      assertThat(given.claimed()).isFalse();
      assertThat(given.secondOctet()).isEqualTo(7);
    }
  }
}
