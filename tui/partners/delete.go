package partners

import (
	"errors"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"partnercadence/cadence"
	"partnercadence/store"
	"partnercadence/tui/session"
	"partnercadence/tui/theme"
)

// deleteAsk is the question D leads to: delete a partner nothing refers
// to, or, when something does, mark it churned instead.
type deleteAsk struct {
	partner cadence.Partner
	uses    []string // what refers to it; none: it can be deleted
}

// usesRead carries what refers to a partner, read for D.
type usesRead struct {
	partner cadence.Partner
	uses    []string
	err     error
}

// askDelete reads what refers to p before asking anything.
func (m Model) askDelete(p cadence.Partner) (Model, tea.Cmd) {
	st := m.sess.Store
	return m, func() tea.Msg {
		uses, err := st.PartnerUses(p.Name)
		return usesRead{partner: p, uses: uses, err: err}
	}
}

func (a *deleteAsk) question() string {
	name := theme.OneLine(a.partner.Name)
	if len(a.uses) == 0 {
		return fmt.Sprintf("Delete %s? Nothing refers to it. y/n", name)
	}
	return fmt.Sprintf("%s cannot be deleted: it has %s. Mark it churned instead? y/n", name, strings.Join(a.uses, ", "))
}

// deleteKey answers the question: y deletes (or marks churned), anything
// else leaves it.
func (m Model) deleteKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	a := m.deleting
	m.deleting = nil
	if msg.String() != "y" {
		return m, nil
	}
	cfg, me, p := m.sess.Config, m.sess.Me, a.partner
	if len(a.uses) == 0 {
		m.inDetail = false
		notice := "deleted partner " + p.Name
		return m, m.sess.WriteUndoable("delete partner "+p.Name, notice, "partner:"+p.Slug(), func(st *store.Store) (*session.Undo, error) {
			err := st.DeletePartner(cfg, me, p.Name)
			if errors.Is(err, store.ErrInUse) {
				return nil, fmt.Errorf("it changed meanwhile: %w", err)
			}
			if err != nil {
				return nil, err
			}
			return &session.Undo{What: notice, Do: func(st *store.Store) error {
				return st.UndoPartner(cfg, me, p, cadence.Partner{})
			}}, nil
		})
	}
	before := p
	p.Status = cadence.PartnerChurned
	notice := "marked " + p.Name + " churned"
	return m, m.sess.WriteUndoable(whatSavePartner, notice, "partner:"+p.Slug(), func(st *store.Store) (*session.Undo, error) {
		if err := st.SavePartner(cfg, me, p); err != nil {
			return nil, err
		}
		return undoPartner(st, cfg, me, notice, before, p), nil
	})
}
