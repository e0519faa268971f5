package report

import (
	"cmp"
	"slices"
	"sort"
)

// topRules is how many rules a kata's table lists.
const topRules = 5

// Finish computes the report; engine and ruleset name the checker.
func (c *Cohort) Finish(engine, ruleset string, unreadable int) *Report {
	c.mu.Lock()
	defer c.mu.Unlock()
	// Inputs were checked in parallel: sort for a report that is the same
	// in every run, and for runs of one learner's submissions of one kata.
	slices.SortFunc(c.subs, func(a, b Submission) int {
		return cmp.Or(cmp.Compare(a.Learner, b.Learner), cmp.Compare(a.Kata, b.Kata), cmp.Compare(a.Path, b.Path))
	})
	r := &Report{Version: Version, Engine: engine, Ruleset: ruleset, Katas: []KataStats{}, Rules: []RuleStats{}, Learners: []LearnerStats{}}
	r.Summary.Submissions, r.Summary.Unreadable = len(c.subs), unreadable
	for _, k := range c.katas {
		r.Katas = append(r.Katas, KataStats{Kata: k, MedianTime: -1, TopRules: []RuleHits{}})
	}
	for _, s := range c.subs {
		if s.Ruleset != "" && s.Ruleset != ruleset {
			r.Summary.OtherRuleset++
		}
	}
	r.addLearners(c.subs)
	r.addRules(c)
	return r
}

// addLearners files the sorted submissions by learner and kata, and
// counts them in their kata.
func (r *Report) addLearners(subs []Submission) {
	byKata := map[string]*KataStats{}
	for i := range r.Katas {
		byKata[r.Katas[i].ID] = &r.Katas[i]
	}
	times := map[string][]float64{}
	for i := 0; i < len(subs); {
		ls := LearnerStats{Name: subs[i].Learner}
		for i < len(subs) && subs[i].Learner == ls.Name {
			j := i
			for j < len(subs) && subs[j].Learner == ls.Name && subs[j].Kata == subs[i].Kata {
				j++
			}
			// A window on the sorted submissions, not a copy of them.
			lk := learnerKata(subs[i:j], byKata[subs[i].Kata])
			r.Summary.Passing += lk.passing
			if k := byKata[lk.Kata]; k != nil {
				for _, s := range lk.Submissions {
					if s.Elapsed >= 0 {
						times[k.ID] = append(times[k.ID], s.Elapsed)
					}
				}
			}
			ls.Katas = append(ls.Katas, lk.LearnerKata)
			i = j
		}
		r.Learners = append(r.Learners, ls)
	}
	r.Summary.Learners = len(r.Learners)
	for i := range r.Katas {
		k := &r.Katas[i]
		if k.Learners > 0 {
			k.PassRate = float64(k.Passed) / float64(k.Learners)
		}
		if ts := times[k.ID]; len(ts) > 0 {
			k.MedianTime = median(ts)
		}
	}
}

// counted is one learner's kata and how many of its submissions passed.
type counted struct {
	LearnerKata
	passing int
}

// learnerKata sums one learner's submissions of one kata, and counts them
// in k (nil: a kata the course does not have, whose submissions are
// unknown-kata errors).
func learnerKata(subs []Submission, k *KataStats) counted {
	lk := counted{LearnerKata: LearnerKata{Kata: subs[0].Kata, Submissions: subs}}
	seen := map[string]bool{} // distinct passing values, for the Completion Standard
	for i, s := range subs {
		if s.Passed {
			lk.passing++
			lk.Passed = true
			if s.Distinct != "" {
				seen[s.Distinct] = true
			}
		}
		if i == 0 || s.Score > lk.Score {
			lk.Score = s.Score
		}
		lk.MaxScore = max(lk.MaxScore, s.MaxScore)
		if k == nil {
			continue
		}
		k.Submissions++
		if s.Passed {
			k.Passing++
		}
		if s.Elapsed >= 0 {
			k.Timed++
			if s.Over {
				k.OverLimit++
			}
			k.Buckets[bucket(s.Elapsed, k.TimeLimit, s.Over)]++
		}
	}
	lk.Distinct = len(seen)
	if k == nil {
		return lk
	}
	lk.Need, lk.TimeLimit = k.Completion.Count, k.TimeLimit
	lk.Complete = lk.Need > 0 && lk.Distinct >= lk.Need
	k.Learners++
	if lk.Passed {
		k.Passed++
	}
	if lk.Complete {
		k.Complete++
	}
	return lk
}

// addRules lists every rule that failed, with the learners it hit, and
// each kata's rules that fail most.
func (r *Report) addRules(c *Cohort) {
	for _, rule := range c.allRules() {
		who := c.who[rule.ID]
		if len(who) == 0 {
			continue
		}
		hits := c.hits[rule.ID]
		sort.Slice(hits, func(i, j int) bool {
			return hits[i].Learner < hits[j].Learner || hits[i].Learner == hits[j].Learner && hits[i].Path < hits[j].Path
		})
		r.Rules = append(r.Rules, RuleStats{Rule: rule, Learners: len(who), Submissions: c.count[rule.ID], Hits: hits, LeftOff: len(who) - len(hits)})
		for i := range r.Katas {
			k := &r.Katas[i]
			key := k.ID + "\x00" + rule.ID
			if n := len(c.kwho[key]); n > 0 {
				k.TopRules = append(k.TopRules, RuleHits{Rule: rule.ID, Learners: n, Share: float64(n) / float64(k.Learners), Submissions: c.kcount[key]})
			}
		}
	}
	for i := range r.Katas {
		k := &r.Katas[i]
		slices.SortStableFunc(k.TopRules, func(a, b RuleHits) int { return cmp.Or(b.Learners-a.Learners, b.Submissions-a.Submissions) })
		k.TopRules = k.TopRules[:min(len(k.TopRules), topRules)]
	}
}

// allRules are the course's rules, then any other rule a submission
// broke (a schema keyword without an entry of its own), by id.
func (c *Cohort) allRules() []Rule {
	out := slices.Clone(c.rules)
	var more []string
	for id := range c.who {
		if !slices.ContainsFunc(c.rules, func(r Rule) bool { return r.ID == id }) {
			more = append(more, id)
		}
	}
	sort.Strings(more)
	for _, id := range more {
		out = append(out, Rule{ID: id, Severity: "error"})
	}
	return out
}

// bucket places a time against the kata's limit: up to a half, three
// quarters, the limit, over. Without a limit every time is in the first.
func bucket(elapsed float64, limitMin int, over bool) int {
	if limitMin <= 0 {
		return 0
	}
	f := elapsed / float64(limitMin*60)
	switch {
	case over || f > 1:
		return 3
	case f > 0.75:
		return 2
	case f > 0.5:
		return 1
	}
	return 0
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
