// service layer: one evaluation rendered as a view (answer.hpp).
#include "answer.hpp"

namespace puzle::service {

std::optional<View> view_named(const std::string& view) {
  if (view == "roadmap") return View::Roadmap;
  if (view == "puzzle") return View::Puzzle;
  if (view == "explain") return View::Explain;
  if (view == "why-not") return View::WhyNot;
  if (view == "compact") return View::Compact;
  return std::nullopt;
}

Answer answer(const Rulebase& rb, const Profile& profile, Date date, View view, ir::ElementId element,
              const CompactExplainer* explainer) {
  EvalOptions eo;  // a Full trace, as the CLI's: the compact explanation reads it too
  eo.date = date;
  if (view == View::Explain) eo.explain = EvalOptions::Explain::Acts;
  if (view == View::WhyNot) eo.explain = EvalOptions::Explain::All;
  Answer a;
  a.result = evaluate(rb, profile, eo);
  const RenderInput in{rb, profile, a.result};
  if (explainer) a.explain = explainer->json(in);
  switch (view) {
    case View::Roadmap: a.body = render_json(in, JsonView::Roadmap); break;
    case View::Puzzle: a.body = render_json(in, JsonView::Puzzle); break;
    case View::Explain: a.body = render_json(in, JsonView::Explain, element); break;
    case View::WhyNot: a.body = render_json(in, JsonView::WhyNot, element); break;
    case View::Compact: a.body = a.explain + "\n"; break;
  }
  return a;
}

}  // namespace puzle::service
