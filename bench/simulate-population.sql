-- The baseline in PostgreSQL for `npm run bench`: the same rule as `rugzak simulate`, as one
-- PL/pgSQL function over the population table, with the law per academic year in a table that
-- the bench fills from rugzak's parameter files.

CREATE UNLOGGED TABLE population (
	learner_id integer NOT NULL,
	academic_year integer NOT NULL,
	contract text NOT NULL,
	registered integer NOT NULL,
	earned integer NOT NULL,
	degree text NOT NULL
);

CREATE TABLE population_law (
	academic_year integer PRIMARY KEY,
	initial integer NOT NULL,
	bonus integer NOT NULL,
	diploma_earns_bonus boolean NOT NULL,
	credit_earns_bonus boolean NOT NULL,
	master_deduction integer NOT NULL,
	master_deduction_first_only boolean NOT NULL,
	rebuild_increment integer NOT NULL,
	rebuild_ceiling integer NOT NULL,
	rebuild_once boolean NOT NULL,
	rebuild_forfeits_bonus boolean NOT NULL,
	waiting_years_after_stopping integer NOT NULL,
	waiting_years_after_master integer NOT NULL
);

-- Per learner, year by year from the first row to the horizon: R2 at the first row; at the start
-- of each later year the rebuild (R18); in an enrolled year R3, R4, the bonus (R5) and the master
-- deduction (R7). Returns the learners, the sum of their final balances and the checksum of
-- rugzak's summary: the sum of learner_id * (final balance + 1000) modulo 2^32.
CREATE FUNCTION simulate_population(horizon integer)
RETURNS TABLE (learners bigint, sum_of_final_balances bigint, checksum bigint)
LANGUAGE plpgsql AS $$
DECLARE
	law population_law[];
	first_law_year integer;
	l population_law;
	r record;
	learner integer;
	same_learner boolean;
	target integer;
	y integer;
	enrolled boolean;
	balance integer;
	bonus_left integer;
	episode integer; -- 0 not started, 1 running, 2 ended
	years_without integer;
	last_year integer;
	last_enrolled integer;
	first_master integer;
	waiting integer;
	increment integer;
	bonus integer;
	deduction integer;
BEGIN
	SELECT array_agg(p ORDER BY p.academic_year), min(p.academic_year)
		INTO law, first_law_year FROM population_law p;
	learners := 0;
	sum_of_final_balances := 0;
	checksum := 0;
	-- A last row with no learner closes the last learner.
	FOR r IN
		(SELECT p.learner_id, p.academic_year, p.contract, p.registered, p.earned, p.degree
			FROM population p ORDER BY p.learner_id, p.academic_year)
		UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, NULL
	LOOP
		same_learner := coalesce(r.learner_id = learner, false);
		IF learner IS NOT NULL THEN
			target := CASE WHEN same_learner THEN r.academic_year ELSE horizon END;
			FOR y IN last_year + 1 .. target LOOP
				l := law[y - first_law_year + 1];
				enrolled := same_learner AND y = target;
				years_without := CASE WHEN enrolled THEN 0 ELSE years_without + 1 END;
				waiting := CASE WHEN first_master IS NOT NULL AND last_enrolled = first_master
					THEN l.waiting_years_after_master ELSE l.waiting_years_after_stopping END;
				increment := 0;
				IF years_without > 0 AND episode <> 2 AND balance < l.rebuild_ceiling
					AND (episode = 1 OR years_without > waiting) THEN
					increment := least(l.rebuild_increment, l.rebuild_ceiling - balance);
				END IF;
				IF increment > 0 AND episode = 0 THEN
					IF l.rebuild_forfeits_bonus THEN bonus_left := 0; END IF;
					episode := 1;
				ELSIF enrolled AND episode = 1 THEN
					episode := CASE WHEN l.rebuild_once THEN 2 ELSE 0 END;
				END IF;
				balance := balance + increment;
			END LOOP;
			IF NOT same_learner THEN
				learners := learners + 1;
				sum_of_final_balances := sum_of_final_balances + balance;
				checksum := ((checksum + learner::bigint * (balance + 1000)) % 4294967296 + 4294967296)
					% 4294967296;
			END IF;
		END IF;
		EXIT WHEN r.learner_id IS NULL;
		l := law[r.academic_year - first_law_year + 1];
		IF NOT same_learner THEN
			learner := r.learner_id;
			balance := l.initial;
			bonus_left := l.bonus;
			episode := 0;
			years_without := 0;
			first_master := NULL;
		END IF;
		balance := balance + r.earned - r.registered;
		bonus := CASE WHEN (CASE WHEN r.contract = 'diploma' THEN l.diploma_earns_bonus
			ELSE l.credit_earns_bonus END) THEN least(r.earned, bonus_left) ELSE 0 END;
		balance := balance + bonus;
		bonus_left := bonus_left - bonus;
		IF r.degree = 'master' THEN
			deduction := CASE WHEN l.master_deduction_first_only AND first_master IS NOT NULL
				THEN 0 ELSE l.master_deduction END;
			IF deduction > 0 THEN
				balance := balance - deduction;
				first_master := coalesce(first_master, r.academic_year);
			END IF;
		END IF;
		last_year := r.academic_year;
		last_enrolled := r.academic_year;
	END LOOP;
	RETURN NEXT;
END;
$$;
