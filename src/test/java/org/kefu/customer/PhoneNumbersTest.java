package org.kefu.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.kefu.shared.InvalidInputException;

class PhoneNumbersTest {

	@Test
	void aNumberMatchesHoweverItIsWritten() {
		assertThat(Customers.phone("138 0013 8000")).isEqualTo("13800138000");
		assertThat(Customers.phone("+86 138-0013-8000")).isEqualTo("13800138000");
		assertThat(Customers.phone("(010) 6552 9988")).isEqualTo("01065529988");
		assertThat(Customers.phone("+44 20 7946 0958")).isEqualTo("+442079460958");
	}

	@Test
	void nonsenseIsRefusedWithTheValueInTheMessage() {
		assertThatThrownBy(() -> Customers.phone("call me maybe")).isInstanceOf(InvalidInputException.class)
			.satisfies(e -> assertThat(((InvalidInputException) e).args()).contains("call me maybe"));
	}

	@Test
	void blankMeansNoNumber() {
		assertThat(Customers.phone("  ")).isNull();
		assertThat(Customers.email(null)).isNull();
	}
}
