package org.xinfang.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNumbersTests {

	@ParameterizedTest
	@CsvSource({ "13800138000, 138****8000", "+8613800138000, +86*******8000", "1234567, *******", "'', ''" })
	void phoneNumberShowsOnlyPrefixAndLastFourDigits(String phone, String masked) {
		assertThat(PhoneNumbers.mask(phone)).isEqualTo(masked);
	}

	@ParameterizedTest
	@CsvSource({ "zhang.san@example.cn, z***@example.cn", "a@b.cn, a***@b.cn" })
	void addressShowsOnlyFirstLetterAndDomain(String address, String masked) {
		assertThat(PhoneNumbers.maskAddress(address)).isEqualTo(masked);
	}
}
