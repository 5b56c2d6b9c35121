-- Indexes for the indicators of DOMAIN §8 (issue #6): each cohort is found through the date that places a
-- matter in the period — received, delivered, or an acceptance or handling period settled (met or run out).
CREATE INDEX matter_received_on_idx ON matter (received_on);
CREATE INDEX matter_delivered_on_idx ON matter (delivered_on) WHERE delivered_on IS NOT NULL;
CREATE INDEX matter_deadline_settled_met_idx ON matter_deadline (rule_code, met_on)
    WHERE rule_code IN ('ACCEPTANCE', 'HANDLING') AND met_on IS NOT NULL;
CREATE INDEX matter_deadline_settled_due_idx ON matter_deadline (rule_code, due_date)
    WHERE rule_code IN ('ACCEPTANCE', 'HANDLING');
