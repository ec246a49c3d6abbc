// service layer: one evaluation rendered as a view (answer.hpp).
#include "answer.hpp"

namespace puzle::service {

std::optional<JsonView> view_named(const std::string& view) {
  if (view == "roadmap") return JsonView::Roadmap;
  if (view == "puzzle") return JsonView::Puzzle;
  if (view == "explain") return JsonView::Explain;
  if (view == "why-not") return JsonView::WhyNot;
  return std::nullopt;
}

Answer answer(const Rulebase& rb, const Profile& profile, Date date, JsonView view, ir::ElementId element,
              const CompactExplainer* explainer) {
  EvalOptions eo;  // a Full trace, as the CLI's: the compact explanation reads it too
  eo.date = date;
  if (view == JsonView::Explain) eo.explain = EvalOptions::Explain::Acts;
  if (view == JsonView::WhyNot) eo.explain = EvalOptions::Explain::All;
  Answer a;
  a.result = evaluate(rb, profile, eo);
  const RenderInput in{rb, profile, a.result};
  a.body = render_json(in, view, element);
  if (explainer) a.explain = explainer->json(in);
  return a;
}

}  // namespace puzle::service
