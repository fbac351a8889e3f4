# Golden values for hromada's survey estimation (statistics.md §1), from R `survey`.
#
# Run from the repository root:
#   Rscript tests/core/golden/make_survey_api.R
# It reads shared/datasets/survey-api/*.csv (set $SURVEY_API_DIR elsewhere) as shipped
# (`cds` as text, `NA` missing) and writes tests/core/golden/survey_api.json.
# Each case names the data, the rows kept or changed, the design (in hromada's
# SurveyDesign terms), the analysis, and R's results per domain, variable and level.
# Domains are R subsets (equal to svyby, checked below), so each domain also gets
# its own design df (degf of the subset) and confint(..., df = that df).

suppressPackageStartupMessages(library(survey))
library(jsonlite)
stopifnot(packageVersion("survey") == "4.1.1")

dir <- Sys.getenv("SURVEY_API_DIR", "/work/shared/datasets/survey-api")
read_api <- function(name) {
  read.csv(file.path(dir, paste0(name, ".csv")), colClasses = c(cds = "character"))
}
api <- list(
  apisrs = read_api("apisrs"), apistrat = read_api("apistrat"),
  apiclus1 = read_api("apiclus1"), apiclus2 = read_api("apiclus2")
)

# Hromada's level order: by number when every label is a number, else by text.
order_levels <- function(x) {
  u <- unique(as.character(x[!is.na(x)]))
  num <- suppressWarnings(as.numeric(u))
  if (all(!is.na(num))) u[order(num)] else u[order(u, method = "radix")]
}

factorise <- function(data, columns) {
  for (column in columns) {
    data[[column]] <- factor(as.character(data[[column]]),
                             levels = order_levels(data[[column]]))
  }
  data
}

quantiles <- function(est, se, df) {
  q <- if (is.finite(df)) qt(0.975, df) else qnorm(0.975)
  c(est - q * se, est + q * se)
}

num <- function(x) if (length(x) == 0 || is.null(x)) NA_real_ else unname(as.numeric(x))

design_df <- function(des) num(degf(des))

valid_subset <- function(des, variables) {
  keep <- rep(TRUE, nrow(des$variables))
  for (v in variables) keep <- keep & !is.na(des$variables[[v]])
  des[keep, ]
}

positive_n <- function(des) sum(weights(des, "sampling") != 0)

# One row per (variable, level) of one domain design `des`.
estimate_rows <- function(des, statistic, variables, denominator, replicate) {
  rows <- list()
  for (v in variables) {
    valid <- valid_subset(des, c(v, denominator))
    df <- design_df(valid)
    n <- positive_n(valid)
    f <- as.formula(paste0("~`", v, "`"))
    categorical <- is.factor(des$variables[[v]])
    if (n == 0) {
      # No valid answer in the domain: R reports 0; hromada reports no estimate.
      levels <- if (categorical && statistic != "ratio") levels(des$variables[[v]]) else list(NULL)
      for (level in levels) {
        rows[[length(rows) + 1]] <- list(variable = v, level = level, empty = TRUE, n = 0)
      }
      next
    }
    if (statistic == "ratio") {
      r <- svyratio(f, as.formula(paste0("~`", denominator, "`")), des,
                    na.rm = TRUE, deff = !replicate)
      est <- num(coef(r)); se <- num(SE(r))
      ci <- confint(r, df = df); ci_inf <- confint(r)
      row <- list(variable = v, level = NULL, estimate = est, se = se, df = df, n = n,
                  ci_method = "wald", ci_design = num(ci), ci_inf = num(ci_inf))
      # R's svyratio cannot give a design effect for replicate designs.
      if (!replicate) {
        row$deff <- num(deff(r))
        row$deff_wr <- num(deff(svyratio(f, as.formula(paste0("~`", denominator, "`")),
                                         des, na.rm = TRUE, deff = "replace")))
      }
      rows[[length(rows) + 1]] <- row
      next
    }
    fun <- if (statistic == "total") svytotal else svymean
    s <- fun(f, des, na.rm = TRUE, deff = TRUE)
    s_wr <- fun(f, des, na.rm = TRUE, deff = "replace")
    est <- num(coef(s)); se <- num(SE(s)); deff <- num(deff(s)); deff_wr <- num(deff(s_wr))
    levels <- if (categorical) levels(des$variables[[v]]) else list(NULL)
    for (i in seq_along(est)) {
      row <- list(variable = v, level = levels[[i]], estimate = est[i], se = se[i],
                  df = df, n = n, deff = deff[i], deff_wr = deff_wr[i])
      if (categorical && statistic != "total") {
        row$ci_method <- "logit"
        # R's sums can leave 1 - 1e-16 where every answer is the level.
        if (est[i] < 1e-10 || est[i] > 1 - 1e-10) {
          x <- if (est[i] > 0.5) n else 0
          row$estimate <- x / n
          row$deff <- NULL
          row$deff_wr <- NULL
          row$ci_design <- num(binom.test(x, n)$conf.int)
          row$ci_inf <- row$ci_design
          row$ci_method <- "clopper_pearson"
        } else {
          level <- levels[[i]]
          g <- as.formula(paste0("~I(`", v, "` == '", level, "')"))
          row$ci_design <- num(attr(svyciprop(g, valid, method = "logit", df = df), "ci"))
          row$ci_inf <- num(attr(svyciprop(g, valid, method = "logit", df = Inf), "ci"))
        }
      } else {
        row$ci_method <- "wald"
        row$ci_design <- num(confint(s, df = df)[i, ])
        row$ci_inf <- num(confint(s)[i, ])
      }
      rows[[length(rows) + 1]] <- row
    }
  }
  rows
}

# svyby must agree with the subset designs used for the rows.
check_svyby <- function(des, statistic, variables, denominator, by, rows) {
  if (statistic == "ratio") {
    b <- svyby(as.formula(paste0("~`", variables[1], "`")), as.formula(paste0("~`", by, "`")),
               des, svyratio, denominator = as.formula(paste0("~`", denominator, "`")),
               na.rm = TRUE)
  } else {
    fun <- if (statistic == "total") svytotal else svymean
    b <- svyby(as.formula(paste0("~`", variables[1], "`")), as.formula(paste0("~`", by, "`")),
               des, fun, na.rm = TRUE)
  }
  first <- Filter(function(r) r$variable == variables[1], rows)
  ours <- sapply(first, function(r) r$estimate)
  theirs <- as.vector(t(as.matrix(coef(b))))
  stopifnot(isTRUE(all.equal(sort(ours), sort(theirs), tolerance = 1e-10)))
  ours_se <- sapply(first, function(r) r$se)
  stopifnot(isTRUE(all.equal(sort(ours_se), sort(as.vector(t(as.matrix(SE(b))))),
                             tolerance = 1e-8)))
}

analysis_rows <- function(des, statistic, variables, denominator, by, replicate) {
  if (is.null(by)) {
    rows <- estimate_rows(des, statistic, variables, denominator, replicate)
    return(lapply(rows, function(r) c(list(domain = NULL), r)))
  }
  values <- des$variables[[by]]
  out <- list()
  for (level in order_levels(values)) {
    sub <- des[!is.na(values) & as.character(values) == level, ]
    rows <- estimate_rows(sub, statistic, variables, denominator, replicate)
    out <- c(out, lapply(rows, function(r) c(list(domain = level), r)))
  }
  check_svyby(des, statistic, variables, denominator, by, out)
  out
}

cases <- list()

# data: name; keep: 1-based rows kept; set: list(column, rows, value);
# extra: named list of new columns; design: hromada SurveyDesign fields;
# build: function(data) returning the R design; analyses: list of
# list(statistic, variables, denominator, by).
add_case <- function(id, data, design, build, analyses, keep = NULL, set = list(),
                     extra = list(), lonely = "fail", categorical = character()) {
  frame <- api[[data]]
  for (name in names(extra)) frame[[name]] <- extra[[name]]
  for (s in set) frame[[s$column]][s$rows] <- s$value
  if (!is.null(keep)) frame <- frame[keep, ]
  frame <- factorise(frame, categorical)
  options(survey.lonely.psu = lonely)
  des <- build(frame)
  replicate <- inherits(des, "svyrep.design")
  results <- lapply(analyses, function(a) {
    list(statistic = a$statistic, variables = a$variables,
         denominator = a$denominator, by = a$by,
         rows = analysis_rows(des, a$statistic, a$variables, a$denominator, a$by,
                              replicate))
  })
  cases[[length(cases) + 1]] <<- list(
    id = id, data = data, keep = keep, set = set, extra = extra,
    design = c(design, list(lonely_psu = lonely)), analyses = results)
}

add_error <- function(id, data, design, build, keep = NULL, lonely = "fail") {
  frame <- api[[data]]
  if (!is.null(keep)) frame <- frame[keep, ]
  options(survey.lonely.psu = lonely)
  message <- tryCatch({
    des <- build(frame)
    svymean(~api00, des)
    NULL
  }, error = function(e) conditionMessage(e))
  stopifnot(!is.null(message))
  cases[[length(cases) + 1]] <<- list(
    id = id, data = data, keep = keep, set = list(), extra = list(),
    design = c(design, list(lonely_psu = lonely)), error = message)
}

a <- function(statistic, variables, by = NULL, denominator = NULL) {
  list(statistic = statistic, variables = variables, denominator = denominator, by = by)
}

categorical <- c("stype", "sch.wide", "awards", "comp.imp", "both")

# --- Simple random sample: weights from the fpc alone (w = 6194/200) ------------
srs_analyses <- list(
  a("mean", c("api00", "api99", "enroll", "acs.k3", "stype")),
  a("mean", c("api00", "acs.k3"), by = "stype"),
  a("total", c("api00", "enroll", "stype")),
  a("total", c("api00"), by = "comp.imp"),
  a("proportion", c("sch.wide", "awards", "stype")),
  a("proportion", c("awards", "stype"), by = "stype"),
  a("ratio", c("api.stu"), denominator = "enroll"),
  a("ratio", c("api.stu"), by = "stype", denominator = "enroll")
)
add_case("srs_fpc", "apisrs", list(fpc = "fpc"),
         function(d) svydesign(id = ~1, fpc = ~fpc, data = d),
         srs_analyses, categorical = categorical)
frac <- 200 / api$apisrs$fpc
add_case("srs_fraction", "apisrs", list(fpc = "fraction"),
         function(d) svydesign(id = ~1, fpc = ~fraction, data = d),
         list(a("mean", c("api00", "enroll")), a("total", c("api00"), by = "stype")),
         extra = list(fraction = frac), categorical = categorical)
add_case("srs_equal", "apisrs", list(),
         function(d) suppressWarnings(svydesign(id = ~1, data = d)),
         list(a("mean", c("api00")), a("total", c("api00", "enroll"))),
         categorical = categorical)

# --- Stratified -------------------------------------------------------------------
strat <- function(d) svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = d)
strat_design <- list(strata = "stype", weights = "pw", fpc = "fpc")
add_case("strat", "apistrat", strat_design, strat, list(
  a("mean", c("api00", "enroll", "acs.k3", "sch.wide")),
  a("mean", c("api00", "acs.k3"), by = "stype"),
  a("mean", c("api00", "enroll"), by = "comp.imp"),
  a("total", c("api00", "enroll", "awards")),
  a("total", c("enroll"), by = "comp.imp"),
  a("proportion", c("sch.wide", "awards", "both")),
  a("proportion", c("awards", "stype"), by = "comp.imp"),
  a("ratio", c("api.stu"), denominator = "enroll"),
  a("ratio", c("api.stu"), by = "comp.imp", denominator = "enroll")
), categorical = categorical)
zeroed <- list(list(column = "pw", rows = c(1, 2, 3, 150), value = 0))
add_case("strat_zero_weights", "apistrat", strat_design, strat, list(
  a("mean", c("api00")), a("mean", c("api00"), by = "stype"),
  a("total", c("api00"), by = "stype")
), set = zeroed, categorical = categorical)

# --- One-stage cluster sample ---------------------------------------------------------
clus1 <- function(d) svydesign(id = ~dnum, weights = ~pw, fpc = ~fpc, data = d)
clus1_design <- list(psu = "dnum", weights = "pw", fpc = "fpc")
clus1_analyses <- list(
  a("mean", c("api00", "enroll", "avg.ed")),
  a("mean", c("api00", "enroll"), by = "stype"),
  a("total", c("api00", "enroll")),
  a("total", c("enroll"), by = "stype"),
  a("proportion", c("stype", "sch.wide")),
  a("proportion", c("sch.wide"), by = "stype"),
  a("ratio", c("api.stu"), denominator = "enroll"),
  a("ratio", c("api.stu"), by = "stype", denominator = "enroll")
)
add_case("clus1", "apiclus1", clus1_design, clus1, clus1_analyses, categorical = categorical)
add_case("clus1_nest", "apiclus1", list(strata = "stype", psu = "dnum", weights = "pw", nest = TRUE),
         function(d) svydesign(id = ~dnum, strata = ~stype, weights = ~pw, nest = TRUE, data = d),
         list(a("mean", c("api00")), a("mean", c("api00"), by = "comp.imp"),
              a("total", c("enroll"))),
         categorical = categorical)
add_error("clus1_not_nested", "apiclus1", list(strata = "stype", psu = "dnum", weights = "pw"),
          function(d) svydesign(id = ~dnum, strata = ~stype, weights = ~pw, data = d))

# --- Two-stage cluster sample, fpc at both stages, weights from the fpc ------------------
clus2 <- function(d) svydesign(id = ~dnum + snum, fpc = ~fpc1 + fpc2, data = d)
clus2_design <- list(psu = "dnum", ssu = "snum", fpc = "fpc1", fpc2 = "fpc2")
add_case("clus2", "apiclus2", clus2_design, clus2, list(
  a("mean", c("api00", "enroll", "acs.k3")),
  a("mean", c("api00", "enroll"), by = "stype"),
  a("total", c("api00", "enroll")),
  a("total", c("api00"), by = "stype"),
  a("proportion", c("stype", "awards")),
  a("proportion", c("awards"), by = "stype"),
  a("ratio", c("api.stu"), denominator = "enroll"),
  a("ratio", c("api.stu"), by = "stype", denominator = "enroll")
), categorical = categorical)

# --- Jackknife replicates ---------------------------------------------------------------
for (mse in c(FALSE, TRUE)) {
  suffix <- if (mse) "_mse" else ""
  add_case(paste0("clus1_jk1", suffix), "apiclus1",
           c(clus1_design, list(replicates = "jk1", mse = mse)),
           function(d) as.svrepdesign(clus1(d), type = "JK1", mse = mse),
           list(a("mean", c("api00", "enroll")), a("mean", c("api00"), by = "stype"),
                a("total", c("enroll")), a("total", c("enroll"), by = "stype"),
                a("proportion", c("sch.wide")), a("proportion", c("sch.wide"), by = "stype"),
                a("ratio", c("api.stu"), denominator = "enroll"),
                a("ratio", c("api.stu"), by = "stype", denominator = "enroll")),
           categorical = categorical)
  add_case(paste0("strat_jkn", suffix), "apistrat",
           c(strat_design, list(replicates = "jkn", mse = mse)),
           function(d) as.svrepdesign(strat(d), type = "JKn", mse = mse),
           list(a("mean", c("api00", "acs.k3")), a("mean", c("api00"), by = "comp.imp"),
                a("total", c("enroll")), a("total", c("enroll"), by = "comp.imp"),
                a("proportion", c("awards")), a("proportion", c("awards"), by = "comp.imp"),
                a("ratio", c("api.stu"), denominator = "enroll"),
                a("ratio", c("api.stu"), by = "comp.imp", denominator = "enroll")),
           categorical = categorical)
}

# --- Lonely PSUs: apistrat with a single high school (stratum H has one PSU) --------------
one_high <- c(which(api$apistrat$stype != "H"), which(api$apistrat$stype == "H")[1])
lonely_analyses <- list(
  a("mean", c("api00", "enroll")), a("mean", c("api00"), by = "comp.imp"),
  a("mean", c("api00"), by = "stype"),
  a("total", c("api00", "enroll")), a("total", c("enroll"), by = "comp.imp"),
  a("proportion", c("awards")),
  a("ratio", c("api.stu"), denominator = "enroll"),
  a("ratio", c("api.stu"), by = "comp.imp", denominator = "enroll")
)
add_error("lonely_fail", "apistrat", strat_design, strat, keep = one_high)
for (option in c("remove", "certainty", "adjust", "average")) {
  add_case(paste0("lonely_", option), "apistrat", strat_design, strat, lonely_analyses,
           keep = one_high, lonely = option, categorical = categorical)
  add_case(paste0("lonely_nofpc_", option), "apistrat",
           list(strata = "stype", weights = "pw"),
           function(d) svydesign(id = ~1, strata = ~stype, weights = ~pw, data = d),
           list(a("mean", c("api00")), a("total", c("api00", "enroll")),
                a("total", c("enroll"), by = "comp.imp")),
           keep = one_high, lonely = option, categorical = categorical)
}
for (option in c("remove", "adjust", "average")) {
  add_case(paste0("lonely_jkn_", option), "apistrat",
           c(strat_design, list(replicates = "jkn")),
           function(d) as.svrepdesign(strat(d), type = "JKn"),
           list(a("mean", c("api00")), a("mean", c("api00"), by = "comp.imp"),
                a("total", c("enroll")), a("total", c("enroll"), by = "comp.imp")),
           keep = one_high, lonely = option, categorical = categorical)
}

# --- Stage 2: district 200 keeps one of its five sampled schools (M = 11) -----------------
d200 <- which(api$apiclus2$dnum == 200)
one_school <- setdiff(seq_len(nrow(api$apiclus2)), d200[-1])
add_error("lonely_ssu_fail", "apiclus2", clus2_design, clus2, keep = one_school)
for (option in c("remove", "certainty", "adjust")) {
  add_case(paste0("lonely_ssu_", option), "apiclus2", clus2_design, clus2,
           list(a("mean", c("api00")), a("mean", c("api00"), by = "stype"),
                a("total", c("api00", "enroll"))),
           keep = one_school, lonely = option, categorical = categorical)
}

# --- Contrasts of two domains of one design (z^(D1) - z^(D2) by PSU) ---------------------
# R: svyby(covmat = TRUE) then svycontrast; df = degf of the rows in either domain.
contrast_rows <- function(des, x, side, w, variables, statistic) {
  rows <- list()
  fun <- if (statistic == "total") svytotal else svymean
  for (v in variables) {
    f <- as.formula(paste0("~`", v, "`"))
    # svyby(covmat = TRUE) cannot drop NAs itself: drop the rows first.
    b <- svyby(f, ~key, des[!is.na(x[[v]]), ], fun, covmat = TRUE)
    present <- names(coef(b))
    for (wl in order_levels(w[!is.na(side)])) {
      i1 <- paste(wl, "1", sep = "|"); i2 <- paste(wl, "2", sep = "|")
      if (!(i1 %in% present && i2 %in% present)) next
      con <- svycontrast(b, setNames(c(1, -1), c(i1, i2)))
      inside <- !is.na(side) & !is.na(w) & w == wl & !is.na(x[[v]])
      rows[[length(rows) + 1]] <- list(
        domain = if (identical(wl, "(all)")) NULL else wl, variable = v,
        estimate_first = num(coef(b)[i1]), estimate_second = num(coef(b)[i2]),
        difference = num(coef(con)), se = num(SE(con)),
        df = design_df(des[inside, ]))
    }
  }
  rows
}

add_contrast <- function(id, data, design, build, between, first, second, within,
                         variables, statistic = "mean", keep = NULL, lonely = "fail") {
  x <- api[[data]]
  if (!is.null(keep)) x <- x[keep, ]
  value <- as.character(x[[between]])
  side <- rep(NA_character_, nrow(x))
  side[!is.na(value) & value == first] <- "1"
  other <- if (is.null(second)) !is.na(value) & value != first else !is.na(value) & value == second
  side[other] <- "2"
  w <- if (is.null(within)) rep("(all)", nrow(x)) else as.character(x[[within]])
  x$key <- factor(ifelse(is.na(side) | is.na(w), NA, paste(w, side, sep = "|")))
  options(survey.lonely.psu = lonely)
  des <- build(x)
  cases[[length(cases) + 1]] <<- list(
    id = id, data = data, keep = keep, set = list(), extra = list(),
    design = c(design, list(lonely_psu = lonely)),
    contrast = list(between = between, first = first, second = second, within = within,
                    statistic = statistic, variables = variables,
                    rows = contrast_rows(des, x, side, w, variables, statistic)))
}

add_contrast("contrast_strat_rest", "apistrat", strat_design, strat, "comp.imp", "Yes", NULL,
             "stype", c("api00", "acs.k3"))
add_contrast("contrast_strat_total", "apistrat", strat_design, strat, "comp.imp", "Yes", NULL,
             NULL, c("enroll"), statistic = "total")
add_contrast("contrast_clus1_shared", "apiclus1", clus1_design, clus1, "both", "Yes", "No",
             NULL, c("api00", "enroll"))
add_contrast("contrast_clus1_within", "apiclus1", clus1_design, clus1, "both", "Yes", "No",
             "stype", c("api00"))
add_contrast("contrast_clus1_jk1", "apiclus1", c(clus1_design, list(replicates = "jk1")),
             function(d) as.svrepdesign(clus1(d), type = "JK1"), "both", "Yes", "No",
             NULL, c("api00", "enroll"))
add_contrast("contrast_strat_jkn", "apistrat", c(strat_design, list(replicates = "jkn")),
             function(d) as.svrepdesign(strat(d), type = "JKn"), "awards", "Yes", NULL,
             "comp.imp", c("api00"))
add_contrast("contrast_clus2", "apiclus2", clus2_design, clus2, "sch.wide", "No", NULL,
             NULL, c("api00", "enroll"))
add_contrast("contrast_lonely_adjust", "apistrat", strat_design, strat, "comp.imp", "Yes",
             NULL, NULL, c("api00"), keep = one_high, lonely = "adjust")
add_contrast("contrast_lonely_adjust_total", "apistrat", strat_design, strat, "comp.imp",
             "Yes", NULL, NULL, c("enroll"), statistic = "total", keep = one_high,
             lonely = "adjust")

golden <- list(
  generator = "tests/core/golden/make_survey_api.R",
  r_version = R.version.string,
  survey_version = as.character(packageVersion("survey")),
  cases = cases
)
out <- Sys.getenv("GOLDEN_OUT", "tests/core/golden/survey_api.json")
writeLines(toJSON(golden, auto_unbox = TRUE, digits = NA, null = "null", na = "null",
                  pretty = 1), out)
cat("wrote", out, "with", length(cases), "cases\n")
