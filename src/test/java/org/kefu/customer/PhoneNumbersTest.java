package org.kefu.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.kefu.shared.EmailAddress;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.PhoneNumber;

class PhoneNumbersTest {

	@Test
	void aChineseMobileNumberMatchesHoweverItIsWritten() {
		assertThat(PhoneNumber.of("138 0013 8000").value()).isEqualTo("13800138000");
		assertThat(PhoneNumber.of("+86 138-0013-8000").value()).isEqualTo("13800138000");
		assertThat(PhoneNumber.of("0086 13800138000").value()).isEqualTo("13800138000");
		assertThat(PhoneNumber.of("8613800138000").value()).isEqualTo("13800138000");
	}

	@Test
	void aLandlineKeepsItsAreaCode() {
		assertThat(PhoneNumber.of("(010) 6552 9988").value()).isEqualTo("01065529988");
		assertThat(PhoneNumber.of("+86 10 6552 9988").value()).isEqualTo("01065529988");
		assertThat(PhoneNumber.of("0755-8888 1234 转 806").value()).isEqualTo("075588881234");
		assertThat(PhoneNumber.of("400-820-8820").value()).isEqualTo("4008208820");
	}

	@Test
	void foreignNumbersKeepTheirCountryCode() {
		assertThat(PhoneNumber.of("+44 20 7946 0958").value()).isEqualTo("+442079460958");
	}

	@Test
	void nonsenseIsRefusedWithTheValueInTheMessage() {
		for (String nonsense : new String[] { "call me maybe", "12345", "23800138000", "6552 9988" }) {
			assertThatThrownBy(() -> PhoneNumber.of(nonsense)).as(nonsense).isInstanceOf(InvalidInputException.class)
				.satisfies(e -> assertThat(((InvalidInputException) e).args()).contains(nonsense));
		}
	}

	@Test
	void contactDetailsAreMaskedForRolesThatDoNotNeedThem() {
		assertThat(PhoneNumber.of("13812345678").masked()).isEqualTo("138****5678");
		assertThat(PhoneNumber.of("010 6552 9988").masked()).isEqualTo("010****9988");
		assertThat(EmailAddress.of("WangFang@Example.com").value()).isEqualTo("wangfang@example.com");
		assertThat(EmailAddress.of("wangfang@example.com").masked()).isEqualTo("w***g@example.com");
	}

	@Test
	void blankMeansNoNumber() {
		assertThat(PhoneNumber.of("  ")).isNull();
		assertThat(EmailAddress.of(null)).isNull();
	}
}
