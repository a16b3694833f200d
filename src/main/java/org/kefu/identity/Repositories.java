package org.kefu.identity;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface UserRepository extends JpaRepository<UserAccount, Long> {

	@Query("select u from UserAccount u where lower(u.username) = lower(?1)")
	Optional<UserAccount> findByUsername(String username);

	@Query("select count(u) from UserAccount u join u.roles r where r.code = 'administrator' and u.enabled = true")
	long countEnabledAdministrators();

	List<UserAccount> findAllByOrderByDisplayNameAsc();
}

interface RoleRepository extends JpaRepository<Role, Long> {

	Optional<Role> findByCode(String code);

	List<Role> findAllByOrderByIdAsc();
}

interface TeamRepository extends JpaRepository<Team, Long> {

	List<Team> findAllByOrderByStageAscNameAsc();
}
