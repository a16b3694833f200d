package org.kefu.ticket;

import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface TicketRepository extends JpaRepository<Ticket, Long> {

	/** The ticket, locked until the transaction ends, so that concurrent replies and changes queue up. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select t from Ticket t where t.id = ?1")
	Optional<Ticket> lock(long id);

	Optional<Ticket> findByNumber(long number);
}

interface TicketMessageRepository extends JpaRepository<TicketMessage, Long> {
}
