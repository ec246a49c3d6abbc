// bench: the deterministic rulebase generator (see generate_rulebase.hpp). Every choice comes
// from one splitmix64 stream seeded by the shape, so the text never depends on time or platform.
// Rules combine conditions on distinct profile facts only, so no generated rule is contradictory
// (the checker's W500) and every segment and provider is used: the output checks clean.
#include "generate_rulebase.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string_view>

namespace puzle::bench {
namespace {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {  // splitmix64
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }
  bool percent(unsigned p) { return below(100) < p; }
  template <typename T, std::size_t N>
  const T& pick(const std::array<T, N>& a) {
    return a[below(N)];
  }

 private:
  std::uint64_t state_;
};

// A string builder: out << "a" << 3 << name.
struct Out {
  std::string s;
  Out& operator<<(std::string_view v) {
    s.append(v);
    return *this;
  }
  Out& operator<<(char c) {
    s.push_back(c);
    return *this;
  }
  Out& operator<<(std::size_t v) {
    s.append(std::to_string(v));
    return *this;
  }
  Out& operator<<(int v) {
    s.append(std::to_string(v));
    return *this;
  }
};

std::string padded(std::size_t v, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*zu", width, v);
  return buf;
}

struct Named {
  std::string_view id;
  std::string_view label;
};

struct AreaSpec {
  Named area;
  std::array<Named, 4> domains;
};

// The six areas of the consortium's metamodel, four domains each.
constexpr std::array<AreaSpec, 6> kAreas{{
    {{"municipi", "Municipi"},
     {{{"territori", "Territori"},
       {"govern_obert", "Govern obert"},
       {"participacio", "Participació"},
       {"comunicacio", "Comunicació"}}}},
    {{"ajuntament", "Ajuntament"},
     {{{"admin_electronica", "Administració electrònica"},
       {"gestio_interna", "Gestió interna"},
       {"hisenda", "Hisenda"},
       {"recursos_humans", "Recursos humans"}}}},
    {{"transversals", "Elements transversals"},
     {{{"infraestructura", "Infraestructura"},
       {"ciberseguretat", "Ciberseguretat"},
       {"dades", "Dades"},
       {"interoperabilitat", "Interoperabilitat"}}}},
    {{"viure", "Viure"},
     {{{"energia", "Energia"},
       {"mobilitat", "Mobilitat"},
       {"medi_ambient", "Medi ambient"},
       {"habitatge", "Habitatge"}}}},
    {{"persones", "Persones"},
     {{{"serveis_socials", "Serveis socials"}, {"educacio", "Educació"}, {"salut", "Salut"}, {"cultura", "Cultura"}}}},
    {{"economia", "Economia"},
     {{{"comerc", "Comerç"}, {"turisme", "Turisme"}, {"ocupacio", "Ocupació"}, {"agricultura", "Agricultura"}}}},
}};

constexpr std::array<Named, 3> kBlockKinds{
    {{"base", "Infraestructura bàsica"}, {"serveis", "Serveis"}, {"gestio", "Gestió"}}};

constexpr std::array<Named, 20> kWords{{
    {"portal", "Portal"},
    {"app", "Aplicació mòbil"},
    {"registre", "Registre"},
    {"sensors", "Xarxa de sensors"},
    {"plataforma", "Plataforma"},
    {"tramit", "Tràmit en línia"},
    {"gestor", "Gestor"},
    {"cens", "Cens digital"},
    {"mapa", "Mapa"},
    {"cita", "Cita prèvia"},
    {"avisos", "Avisos"},
    {"pagament", "Pagament en línia"},
    {"quadre", "Quadre de comandament"},
    {"arxiu", "Arxiu electrònic"},
    {"signatura", "Signatura electrònica"},
    {"dades", "Dades obertes"},
    {"wifi", "Wifi pública"},
    {"videoactes", "Videoactes"},
    {"enquestes", "Enquestes"},
    {"inventari", "Inventari"},
}};

struct ProviderSpec {
  std::string_view id, label, url, eligible;  // eligible: a condition template, may be empty
};
constexpr std::array<ProviderSpec, 7> kProviders{{
    {"aoc", "Consorci AOC", "https://www.aoc.cat", "population < 50000"},
    {"dipba", "Diputació de Barcelona", "https://www.diba.cat", "province == barcelona and population < 20000"},
    {"dipgi", "Diputació de Girona", "https://www.ddgi.cat", "province == girona"},
    {"dipll", "Diputació de Lleida", "https://www.diputaciolleida.cat", "province == lleida and population < 5000"},
    {"diptg", "Diputació de Tarragona", "https://www.dipta.cat", "province == tarragona"},
    {"localret", "Localret", "https://www.localret.cat", "population >= 1000 and agenda_digital"},
    {"ciber", "Agència de Ciberseguretat de Catalunya", "https://ciberseguretat.gencat.cat",
     "maturity[transversals] >= 1"},
}};

// Profile facts a condition can constrain; a rule never constrains one fact twice, which is
// what keeps every generated condition satisfiable.
enum Dim : unsigned {
  kPop = 1u << 0,
  kProv = 1u << 1,
  kAgenda = 1u << 2,
  kBudget = 1u << 3,
  kComarca = 1u << 4,
  kMat0 = 1u << 8,  // + area index: maturity[area]
};

struct SegmentSpec {
  std::string_view id, label, condition;
  unsigned dims;
};
constexpr unsigned kMatAj = kMat0 << 1;     // maturity[ajuntament]
constexpr unsigned kMatViure = kMat0 << 3;  // maturity[viure]
constexpr std::array<SegmentSpec, 20> kSegments{{
    {"micro", "Fins a 1.000 habitants", "population < 1000", kPop},
    {"petit", "De 1.000 a 5.000 habitants", "population >= 1000 and population < 5000", kPop},
    {"mitja", "De 5.000 a 20.000 habitants", "population >= 5000 and population < 20000", kPop},
    {"gran", "Més de 20.000 habitants", "population >= 20000", kPop},
    {"molt_gran", "Més de 100.000 habitants", "population >= 100000", kPop},
    {"rural", "Municipis rurals", "micro or petit", kPop},
    {"prov_barcelona", "Província de Barcelona", "province == barcelona", kProv},
    {"prov_girona", "Comarques gironines", "province == girona", kProv},
    {"prov_lleida", "Ponent i Pirineu", "province == lleida", kProv},
    {"prov_tarragona", "Camp de Tarragona i Terres de l'Ebre", "province == tarragona", kProv},
    {"interior", "Interior", "province in [girona, lleida]", kProv},
    {"costa", "Costa", "province not in [lleida]", kProv},
    {"inicial", "Maduresa digital inicial", "maturity[ajuntament] <= 1", kMatAj},
    {"avancat", "Maduresa digital avançada", "maturity[ajuntament] >= 3", kMatAj},
    {"amb_agenda", "Amb agenda digital", "agenda_digital", kAgenda},
    {"sense_agenda", "Sense agenda digital", "not agenda_digital", kAgenda},
    {"pressupost_alt", "Pressupost TIC alt", "budget_eur >= 100000", kBudget},
    {"rural_interior", "Rural d'interior", "rural and interior", kPop | kProv},
    {"gran_avancat", "Gran i madur", "gran and avancat", kPop | kMatAj},
    {"ciutat_intelligent", "Ciutat intel·ligent", "maturity[viure] >= 3 and (gran or amb_agenda)",
     kPop | kMatViure | kAgenda},
}};

constexpr std::array<std::string_view, 4> kProvinces{"barcelona", "girona", "lleida", "tarragona"};
constexpr std::array<int, 7> kThresholds{500, 1000, 2000, 5000, 10000, 20000, 50000};
constexpr std::array<std::string_view, 5> kComarques{"Osona", "Berguedà", "Garrotxa", "Priorat", "Pallars Sobirà"};
constexpr std::array<std::string_view, 6> kSources{
    "Llei 39/2015, art. 41", "Llei 40/2015, art. 38",   "Llei 19/2014",
    "RD 203/2021",           "Reglament (UE) 2016/679", "Pla de govern digital"};
constexpr std::array<std::string_view, 6> kPlainBecause{
    "{population} habitants a la província de {province}",
    "Maduresa {maturity[ajuntament]} a l'ajuntament i {maturity[viure]} a Viure",
    "El municipi ha declarat {count(needs)} necessitats",
    "Pressupost disponible: {budget_eur} euros",
    "Recomanat per a municipis de {population} habitants",
    "Obligació legal per a tots els ens locals",
};
constexpr std::array<std::string_view, 3> kForBecause{
    "Necessitat declarada: {e} (àrea {e.area})",
    "Cost estimat de {e}: {e.cost} euros, esforç {e.effort}",
    "Element pendent per a {population} habitants",
};

struct Element {
  std::string id, path, suffix;  // suffix: block.id, a unique path suffix
  std::size_t block = 0;
  std::vector<std::size_t> requires_;
  std::vector<std::string> solutions;  // `solution x.y` written inside the element
  int effort = 0;                      // 0: none; tenths otherwise
  std::size_t cost = 0;                // 0: none; euros otherwise
};

struct Block {
  std::size_t area = 0, domain = 0, kind = 0;
  std::string id, path;
};

class Generator {
 public:
  explicit Generator(const RulebaseShape& shape) : shape_(shape), rng_(shape.seed) {
    shape_.elements = std::max<std::size_t>(shape_.elements, 1);  // rules need an element to name
  }

  std::vector<GeneratedFile> run() {
    make_metamodel();
    std::string solutions = make_solutions();  // also adds `solution` refs to elements
    std::vector<GeneratedFile> files;
    files.emplace_back("profile.pzl", profile());
    for (std::size_t a = 0; a < kAreas.size(); ++a)
      files.emplace_back("metamodel/" + std::string(kAreas[a].area.id) + ".pzl", metamodel(a));
    files.emplace_back("solutions.pzl", std::move(solutions));
    files.emplace_back("segments.pzl", segments());
    files.emplace_back("roadmap.pzl", roadmap());
    const std::size_t per_file = std::max<std::size_t>(1, shape_.rules_per_file);
    for (std::size_t first = 0, n = 0; first < shape_.rules; first += per_file, ++n) {
      Out out;
      out << "// Generated rules " << first << ".." << std::min(shape_.rules, first + per_file) - 1 << ".\n";
      for (std::size_t r = first; r < std::min(shape_.rules, first + per_file); ++r) rule(out, r);
      files.emplace_back("rules/rules_" + padded(n, 2) + ".pzl", std::move(out.s));
    }
    return files;
  }

 private:
  // ---- metamodel ----------------------------------------------------------------------------
  void make_metamodel() {
    for (std::size_t a = 0; a < kAreas.size(); ++a)
      for (std::size_t d = 0; d < 4; ++d)
        for (std::size_t k = 0; k < kBlockKinds.size(); ++k) {
          Block b{a, d, k, {}, {}};
          b.id = std::string(kAreas[a].domains[d].id) + "_" + std::string(kBlockKinds[k].id);
          b.path = std::string(kAreas[a].area.id) + "." + std::string(kAreas[a].domains[d].id) + "." + b.id;
          blocks_.push_back(std::move(b));
        }
    for (std::size_t i = 0; i < shape_.elements; ++i) {
      Element e;
      e.id = std::string(kWords[i % kWords.size()].id) + "_" + std::to_string(i);
      e.block = i % blocks_.size();
      e.path = blocks_[e.block].path + "." + e.id;
      e.suffix = blocks_[e.block].id + "." + e.id;
      if (rng_.percent(80)) e.effort = static_cast<int>(5 + rng_.below(76));  // 0.5 .. 8.0
      if (rng_.percent(70)) e.cost = 500 * (1 + rng_.below(200));
      // Prerequisites only on lower-numbered elements: never a cycle.
      const std::size_t n = i == 0 ? 0 : rng_.below(3);
      for (std::size_t k = 0; k < n; ++k) {
        std::size_t j = i - 1 - rng_.below(std::min<std::size_t>(i, 40));
        if (std::find(e.requires_.begin(), e.requires_.end(), j) == e.requires_.end()) e.requires_.push_back(j);
      }
      elements_.push_back(std::move(e));
    }
  }

  // An element name as an expert would write it: mostly the short id, sometimes a path.
  std::string ref(std::size_t i) {
    const auto r = rng_.below(10);
    if (r < 8) return elements_[i].id;
    return r == 8 ? elements_[i].path : elements_[i].suffix;
  }
  std::size_t any_element() { return rng_.below(elements_.size()); }

  void element(Out& out, const Element& e, std::size_t index, std::string_view indent) {
    out << indent << "element " << e.id << " \"" << kWords[index % kWords.size()].label << ' ' << index << '"';
    const bool body = e.effort || e.cost || !e.requires_.empty() || !e.solutions.empty();
    if (!body) {
      out << '\n';
      return;
    }
    out << " {\n";
    if (index % 7 == 0) out << indent << "  description \"Element generat número " << index << "\"\n";
    if (e.effort)
      out << indent << "  effort " << std::to_string(e.effort / 10) << '.' << std::to_string(e.effort % 10) << '\n';
    if (e.cost) out << indent << "  cost " << e.cost << (index % 2 ? ".00" : "") << '\n';
    if (!e.requires_.empty()) {
      out << indent << "  requires ";
      for (std::size_t k = 0; k < e.requires_.size(); ++k) out << (k ? ", " : "") << ref(e.requires_[k]);
      out << '\n';
    }
    for (const auto& s : e.solutions) out << indent << "  solution " << s << '\n';
    out << indent << "}\n";
  }

  void block_body(Out& out, std::size_t b, std::string_view indent) {
    out << " {\n";
    for (std::size_t i = b; i < elements_.size(); i += blocks_.size()) element(out, elements_[i], i, indent);
    out << std::string(indent.substr(0, indent.size() >= 2 ? indent.size() - 2 : 0)) << "}\n";
  }

  std::string metamodel(std::size_t a) {
    const auto& spec = kAreas[a];
    Out out;
    out << "// Area " << spec.area.label << ": four domains, three blocks each.\n";
    out << "area " << spec.area.id << " \"" << spec.area.label << "\" {\n";
    out << "  description \"Àrea " << spec.area.label << " del municipi digital\"\n";
    for (std::size_t d = 0; d < 3; ++d) {  // nested
      out << "  domain " << spec.domains[d].id << " \"" << spec.domains[d].label << "\" {\n";
      for (std::size_t k = 0; k < kBlockKinds.size(); ++k) {
        const std::size_t b = (a * 4 + d) * kBlockKinds.size() + k;
        out << "    block " << blocks_[b].id << " \"" << kBlockKinds[k].label << "\"";
        block_body(out, b, "      ");
      }
      out << "  }\n";
    }
    out << "}\n\n";
    // The fourth domain is declared apart, with `in PATH`.
    const auto& dom = spec.domains[3];
    out << "domain " << dom.id << " \"" << dom.label << "\" in " << spec.area.id << "\n";
    for (std::size_t k = 0; k < kBlockKinds.size(); ++k) {
      const std::size_t b = (a * 4 + 3) * kBlockKinds.size() + k;
      out << "block " << blocks_[b].id << " \"" << kBlockKinds[k].label << "\" in " << spec.area.id << '.' << dom.id;
      block_body(out, b, "  ");
    }
    return std::move(out.s);
  }

  // ---- providers and solutions ---------------------------------------------------------------
  std::string make_solutions() {
    Out out;
    out << "// Public solutions offered to town halls.\n";
    for (const auto& p : kProviders)
      out << "provider " << p.id << " \"" << p.label << "\" { url \"" << p.url << "\" }\n";
    out << '\n';
    const std::size_t count = std::max<std::size_t>(shape_.solutions, kProviders.size());
    for (std::size_t j = 0; j < count; ++j) {
      const auto& p = kProviders[j % kProviders.size()];
      std::string id = std::string(p.id) + ".servei_" + padded(j, 2);
      out << "solution " << id << " \"" << kWords[j % kWords.size()].label << ' ' << p.label << "\" {\n";
      if (j % 3 == 0) out << "  description \"Servei " << j << " de " << p.label << "\"\n";
      std::vector<std::size_t> covers;
      const std::size_t n = 1 + rng_.below(3);
      for (std::size_t k = 0; k < n; ++k) {
        std::size_t e = any_element();
        if (std::find(covers.begin(), covers.end(), e) == covers.end()) covers.push_back(e);
      }
      // Some solutions are named from the element instead: `solution x.y` in its body.
      if (rng_.percent(30)) {
        elements_[covers.front()].solutions.push_back(id);
        covers.erase(covers.begin());
      }
      if (!covers.empty()) {
        out << "  covers ";
        for (std::size_t k = 0; k < covers.size(); ++k) out << (k ? ", " : "") << ref(covers[k]);
        out << '\n';
      }
      if (!p.eligible.empty() && rng_.percent(85)) out << "  eligible when " << p.eligible << '\n';
      out << "}\n";
    }
    return std::move(out.s);
  }

  // ---- profile, segments, roadmap ------------------------------------------------------------
  static std::string profile() {
    return "// The facts an agent records about a municipality.\n"
           "profile {\n"
           "  population: int\n"
           "  province: enum { barcelona, girona, lleida, tarragona }\n"
           "  comarca: text = \"\"\n"
           "  maturity: level[area] 0..5 = 0  // digital maturity, one level per area\n"
           "  budget_eur: money = 0\n"
           "  agenda_digital: bool = false\n"
           "  in_place: set<element> = []\n"
           "  needs: set<element> = []\n"
           "}\n";
  }

  static std::string segments() {
    Out out;
    out << "// Groups of municipalities that rules name.\n";
    for (const auto& s : kSegments) out << "segment " << s.id << " \"" << s.label << "\" = " << s.condition << '\n';
    return std::move(out.s);
  }

  static std::string roadmap() {
    return "roadmap {\n"
           "  phase curt \"Curt termini\" size 3..4\n"
           "  phase mitja \"Mitjà termini\" size ..8 budget ..60000\n"
           "  phase llarg \"Llarg termini\"\n"
           "}\n";
  }

  // ---- rules ---------------------------------------------------------------------------------
  // One condition on facts not yet in `used`; empty when the draw collides (the caller retries).
  std::string atom(unsigned& used) {
    auto take = [&](unsigned dims, std::string text) -> std::string {
      if (used & dims) return {};
      used |= dims;
      return text;
    };
    switch (rng_.below(10)) {
      case 0:
      case 1: {  // population
        const int n = rng_.pick(kThresholds);
        return take(kPop, std::string("population ") + (rng_.percent(50) ? "< " : ">= ") + std::to_string(n));
      }
      case 2: {  // province
        const auto p = rng_.pick(kProvinces);
        switch (rng_.below(4)) {
          case 0: return take(kProv, "province == " + std::string(p));
          case 1: return take(kProv, "province != " + std::string(p));
          case 2: {
            auto q = kProvinces[(static_cast<std::size_t>(std::find(kProvinces.begin(), kProvinces.end(), p) -
                                                          kProvinces.begin()) +
                                 1) %
                                4];
            return take(kProv, "province in [" + std::string(p) + ", " + std::string(q) + "]");
          }
          default: return take(kProv, "province not in [" + std::string(p) + "]");
        }
      }
      case 3:
      case 4: {  // maturity of one area
        const std::size_t a = rng_.below(kAreas.size());
        const int k = 1 + static_cast<int>(rng_.below(5));
        const char* op = rng_.percent(70) ? " >= " : " < ";
        return take(kMat0 << a, "maturity[" + std::string(kAreas[a].area.id) + "]" + op + std::to_string(k));
      }
      case 5:
      case 6: {  // elements in place or needed: sets, which never contradict
        const std::string e = ref(any_element());
        switch (rng_.below(6)) {
          case 0: return "in_place(" + e + ")";
          case 1: return "not in_place(" + e + ")";
          case 2: return e + " in needs";
          case 3: return e + " not in in_place";
          case 4: return "needs(" + e + ")";
          default: return "count(needs) >= " + std::to_string(1 + rng_.below(5));
        }
      }
      case 7:
      case 8: {  // a segment
        const auto& s = rng_.pick(kSegments);
        return take(s.dims, (rng_.percent(15) ? "not " : "") + std::string(s.id));
      }
      default: {  // agenda, budget, comarca
        switch (rng_.below(3)) {
          case 0: return take(kAgenda, rng_.percent(50) ? "agenda_digital" : "not agenda_digital");
          case 1: return take(kBudget, "budget_eur >= " + std::to_string(5000 * (1 + rng_.below(20))));
          default: return take(kComarca, "comarca == \"" + std::string(rng_.pick(kComarques)) + "\"");
        }
      }
    }
  }

  // `n` conditions joined with `and`, sometimes with an `or` group.
  std::string condition(std::size_t n, unsigned& used, std::string first = {}) {
    std::vector<std::string> atoms;
    if (!first.empty()) atoms.push_back(std::move(first));
    for (int tries = 0; atoms.size() < n && tries < 40; ++tries) {
      std::string a = atom(used);
      if (!a.empty()) atoms.push_back(std::move(a));
    }
    std::string out;
    std::size_t k = 0;
    if (atoms.size() >= 3 && rng_.percent(25)) {
      out = "(" + atoms[0] + " or " + atoms[1] + ")";
      k = 2;
    }
    for (; k < atoms.size(); ++k) out += (out.empty() ? "" : " and ") + atoms[k];
    return out;
  }

  void weight(Out& out, std::string_view kind) {
    if (kind == "require" && rng_.percent(30)) out << " due 20" << (20 + rng_.below(10)) << "-06-30";  // some overdue
    if (kind == "require" || kind == "exclude") return;
    if (rng_.percent(40)) return;  // the default weight, 10
    if (kind == "suggest" && rng_.percent(5)) {
      out << " weight -5";
      return;
    }
    out << " weight " << (5 + rng_.below(36));
    if (rng_.percent(10)) out << ".5";
  }

  std::string_view effect_kind() {
    const auto r = rng_.below(100);
    return r < 35 ? "suggest" : r < 55 ? "boost" : r < 70 ? "penalize" : r < 85 ? "require" : "exclude";
  }

  // The peers' shape: `when` 2-4 tests, `suggest` one element with a weight of 1 to 40.
  void peer_rule(Out& out, std::size_t r) {
    out << "\nrule r" << padded(r, 5) << '_' << kWords[r % kWords.size()].id << '\n';
    unsigned used = 0;
    std::string first;
    if (r < kSegments.size()) {  // each segment used once, as in rule()
      first = std::string(kSegments[r].id);
      used |= kSegments[r].dims;
    }
    out << "  when " << condition(2 + rng_.below(3), used, std::move(first)) << '\n';
    out << "  suggest " << ref(any_element()) << " weight " << (1 + rng_.below(40)) << '\n';
  }

  void rule(Out& out, std::size_t r) {
    if (shape_.peer) {
      peer_rule(out, r);
      return;
    }
    out << "\nrule r" << padded(r, 5) << '_' << kWords[r % kWords.size()].id;
    if (rng_.percent(50)) out << " \"" << kWords[(r / 3) % kWords.size()].label << " per a la regla " << r << '"';
    out << '\n';
    if (rng_.percent(30)) out << "  source \"" << rng_.pick(kSources) << "\"\n";
    if (rng_.percent(10))
      out << (rng_.percent(50) ? "  valid from 2016-10-02\n" : "  valid from 2020-01-01 until 2030-12-31\n");
    const std::size_t conditions = 2 + rng_.below(3);
    unsigned used = 0;
    // The first rules use each segment once, so that none is unused (W502).
    std::string first;
    if (r < kSegments.size()) {
      first = std::string(kSegments[r].id);
      used |= kSegments[r].dims;
    }
    const bool for_rule = r >= kSegments.size() && rng_.percent(25);
    if (for_rule) {
      switch (rng_.below(4)) {
        case 0: out << "  for e in needs where not in_place(e)\n"; break;
        case 1: out << "  for e in needs where e.area == " << kAreas[rng_.below(kAreas.size())].area.id << '\n'; break;
        case 2: {
          const auto& b = blocks_[rng_.below(blocks_.size())];
          out << "  for e in elements where e.domain == " << kAreas[b.area].domains[b.domain].id
              << " and e.effort <= " << (1 + rng_.below(5)) << '\n';
          break;
        }
        default:
          out << "  for e in [" << ref(any_element()) << ", " << ref(any_element()) << ", " << ref(any_element())
              << "] where e not in in_place\n";
          break;
      }
      out << "  when " << condition(conditions - 1, used) << '\n';
      const auto kind = effect_kind();
      out << "  " << kind << " e";
      weight(out, kind);
      out << '\n';
      if (rng_.percent(20)) out << "  boost " << ref(any_element()) << " weight 5\n";
      out << "  because \"" << rng_.pick(kForBecause) << "\"\n";
      return;
    }
    out << "  when " << condition(conditions, used, std::move(first)) << '\n';
    const std::size_t effects = 1 + (rng_.percent(30) ? 1 : 0);
    for (std::size_t k = 0; k < effects; ++k) {
      const auto kind = effect_kind();
      out << "  " << kind << ' ';
      const std::size_t targets = 1 + rng_.below(3);
      for (std::size_t t = 0; t < targets; ++t) out << (t ? ", " : "") << ref(any_element());
      weight(out, kind);
      out << '\n';
    }
    if (rng_.percent(90)) out << "  because \"" << rng_.pick(kPlainBecause) << "\"\n";
  }

  RulebaseShape shape_;
  Rng rng_;
  std::vector<Block> blocks_;
  std::vector<Element> elements_;
};

}  // namespace

std::vector<GeneratedFile> generate_rulebase(const RulebaseShape& shape) { return Generator(shape).run(); }

std::size_t total_bytes(const std::vector<GeneratedFile>& files) {
  std::size_t n = 0;
  for (const auto& f : files) n += f.second.size();
  return n;
}

std::string generate_profiles(std::size_t count, std::uint64_t seed) {
  static constexpr std::array<const char*, 4> kProvinces{"barcelona", "girona", "lleida", "tarragona"};
  Rng rng(seed);
  std::string out;
  out.reserve(count * 200);
  for (std::size_t i = 0; i < count; ++i) {
    // Populations spread over every band, most of them small, as in Catalonia.
    const std::uint64_t band = rng.below(100);
    const std::uint64_t population = band < 35   ? 20 + rng.below(480)
                                     : band < 50 ? 500 + rng.below(500)
                                     : band < 77 ? 1000 + rng.below(4000)
                                     : band < 92 ? 5000 + rng.below(15000)
                                     : band < 97 ? 20000 + rng.below(30000)
                                                 : 50000 + rng.below(1600000);
    out += "{\"population\": " + std::to_string(population) + ", \"province\": \"" + kProvinces[rng.below(4)] +
           "\", \"maturity\": {";
    for (std::size_t a = 0; a < kAreas.size(); ++a)
      out += std::string(a ? ", " : "") + "\"" + std::string(kAreas[a].area.id) + "\": " + std::to_string(rng.below(6));
    out += "}, \"budget_eur\": " + std::to_string(rng.below(200) * 500) +
           ", \"agenda_digital\": " + (rng.below(3) == 0 ? "true" : "false") + "}\n";
  }
  return out;
}

}  // namespace puzle::bench
