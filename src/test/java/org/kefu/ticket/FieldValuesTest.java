package org.kefu.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kefu.shared.InvalidInputException;

class FieldValuesTest {

	private static final List<TicketField> RETURNS = List.of(
			new TicketField(1, "return_exchange", "order_number", "订单号", "Order number", "text", List.of(), true, 10, true),
			new TicketField(2, "return_exchange", "request", "诉求", "Request", "choice", List.of("退货退款", "换货"), false, 20,
					true),
			new TicketField(3, "return_exchange", "amount", "金额", "Amount", "number", List.of(), false, 30, true),
			new TicketField(4, "return_exchange", "received", "收货日期", "Received", "date", List.of(), false, 40, true),
			new TicketField(5, "return_exchange", "old", "旧字段", "Old", "text", List.of(), false, 50, false));

	@Test
	void keepsCheckedAndNormalisedValues() {
		Map<String, String> values = FieldValues.apply(RETURNS, Map.of(),
				Map.of("order_number", " DD20261124 ", "request", "换货", "amount", "199.50", "received", "2026-11-20"), true);
		assertThat(values).containsEntry("order_number", "DD20261124").containsEntry("request", "换货")
			.containsEntry("amount", "199.5").containsEntry("received", "2026-11-20");
	}

	@Test
	void refusesFieldsTheBusinessTypeDoesNotHaveAndNamesTheOnesItHas() {
		assertThatThrownBy(() -> FieldValues.apply(RETURNS, Map.of(), Map.of("colour", "red"), false))
			.isInstanceOf(InvalidInputException.class)
			.satisfies(e -> assertThat(((InvalidInputException) e).args()[1].toString()).contains("order_number")
				.doesNotContain("old"));
		assertThatThrownBy(() -> FieldValues.apply(RETURNS, Map.of(), Map.of("old", "x"), false))
			.as("a switched-off field takes no new values").isInstanceOf(InvalidInputException.class);
	}

	@Test
	void refusesValuesOfTheWrongKind() {
		assertThatThrownBy(() -> FieldValues.apply(RETURNS, Map.of(), Map.of("amount", "a lot"), false))
			.hasMessage("ticket.field-number");
		assertThatThrownBy(() -> FieldValues.apply(RETURNS, Map.of(), Map.of("received", "20/11/2026"), false))
			.hasMessage("ticket.field-date");
		assertThatThrownBy(() -> FieldValues.apply(RETURNS, Map.of(), Map.of("request", "投诉"), false))
			.hasMessage("ticket.field-choice");
	}

	@Test
	void aRequiredFieldMustBeFilledWhenATicketOpensAndMayNotBeEmptiedLater() {
		assertThatThrownBy(() -> FieldValues.apply(RETURNS, Map.of(), Map.of("request", "换货"), true))
			.hasMessage("ticket.field-required");
		Map<String, String> blank = new HashMap<>();
		blank.put("amount", " ");
		Map<String, String> current = Map.of("order_number", "DD1", "amount", "10");
		assertThat(FieldValues.apply(RETURNS, current, blank, false)).containsOnlyKeys("order_number");
	}
}
