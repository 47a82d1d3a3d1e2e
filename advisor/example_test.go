package advisor_test

import (
	"fmt"

	"github.com/apiadvisor/apiadvisor/advisor"
	"github.com/apiadvisor/apiadvisor/rules"
)

// A small team whose API mostly waits on I/O at high concurrency.
func ExampleEngine_Advise() {
	kb, _ := rules.Default()
	res := advisor.New(kb).Advise(rules.Answers{
		"concurrency": "high", "workload": "io", "team_size": 4, "orm": false, "admin": false,
	}, advisor.Options{})
	fmt.Println(res.Recommendation.Category, res.Recommendation.Frameworks)
	for _, r := range res.Reasons {
		fmt.Println("fired:", r.Rule)
	}
	fmt.Println(res.Alternatives[0].Category, "trails by", res.Alternatives[0].ScoreGap)
	// Output:
	// lightweight-async [fastapi litestar]
	// fired: io-bound-high-concurrency
	// fired: small-team-lightweight
	// fired: no-orm-needed
	// batteries-included trails by 6
}

// Unknown answers never fire a rule; they are listed instead.
func ExampleEngine_Advise_unknown() {
	kb, _ := rules.Default()
	res := advisor.New(kb).Advise(rules.Answers{"admin": true}, advisor.Options{})
	fmt.Println(res.Recommendation.Category, len(res.Unknown), "unknown")
	fmt.Println(res.Reasons[0].Rule)
	// Output:
	// batteries-included 9 unknown
	// needs-admin-panel
}
